/**
 * The three kinds of sample the Input block offers (pure, for the inspector): an image
 * (height × width × channels, 28×28×1 for digits), 2 numbers (a point of the plane), or
 * n numbers (a row of a table). Each is an `input_shape` of the spec.
 */
export type InputChoice = 'image' | 'plane' | 'numbers';

export const INPUT_CHOICES: readonly InputChoice[] = ['image', 'plane', 'numbers'];

const DIGIT: readonly number[] = [28, 28, 1];
/** Most numbers a table row may have (the engine's largest input axis). */
export const MAX_ROW = 4096;

export function inputChoiceOf(shape: readonly number[]): InputChoice {
  if (shape.length !== 1) return 'image';
  return shape[0] === 2 ? 'plane' : 'numbers';
}

/** The image shape the image choice gives: the network's own when it is an image, else a digit's. */
export function imageShapeOf(shape: readonly number[]): readonly number[] {
  return shape.length > 1 ? shape : DIGIT;
}

/** How many numbers the table-row choice starts with: the network's own row, else 3 (2 would be a point of the plane). */
export function rowLengthOf(shape: readonly number[]): number {
  return shape.length === 1 && shape[0] !== 2 ? shape[0]! : 3;
}

/** The `input_shape` for a choice, from the current one (and `n` numbers for a table row). */
export function shapeFor(choice: InputChoice, current: readonly number[], n = rowLengthOf(current)): readonly number[] {
  switch (choice) {
    case 'image': return imageShapeOf(current);
    case 'plane': return [2];
    case 'numbers': return [n];
  }
}

/** A row length as typed: a whole number from 1 to MAX_ROW, else null. */
export function readRowLength(text: string): number | null {
  const n = Number(text.trim());
  return Number.isInteger(n) && n >= 1 && n <= MAX_ROW && /^\s*\d+\s*$/.test(text) ? n : null;
}
