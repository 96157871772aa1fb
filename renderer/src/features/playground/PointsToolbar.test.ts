import { fireEvent, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../lib/i18n/i18n.svelte';
import { PointsEditor } from './pointsEditor.svelte';
import PointsToolbar from './PointsToolbar.svelte';

function editorWith(count: number): PointsEditor {
  const editor = new PointsEditor({ storage: null });
  for (let i = 0; i < count; i++) editor.add(i / 10, 0);
  return editor;
}

describe('PointsToolbar', () => {
  beforeEach(() => (i18n.lang = 'en'));
  afterEach(() => (i18n.lang = 'en'));

  it('picks the class of new points from named swatches', async () => {
    const editor = editorWith(0);
    render(PointsToolbar, { editor, classCount: 3 });
    const radios = screen.getAllByRole('radio', { name: /^Class \d$/ });
    expect(radios).toHaveLength(3);
    expect(screen.getByRole('radio', { name: 'Class 1' })).toBeChecked();
    await fireEvent.click(screen.getByRole('radio', { name: 'Class 3' }));
    expect(editor.selectedClass).toBe(2);
    editor.add(0, 0);
    expect(editor.points[0]!.label).toBe(2);
  });

  it('is usable from the keyboard: arrows move within the class group', async () => {
    const user = userEvent.setup();
    const editor = editorWith(0);
    render(PointsToolbar, { editor, classCount: 6 });
    screen.getByRole('radio', { name: 'Class 1' }).focus();
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(editor.selectedClass).toBe(2);
    await user.tab();
    expect(screen.getByRole('radio', { name: 'Adds a point' })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(editor.mode).toBe('erase');
  });

  it('undoes the last edit and is disabled with nothing to undo', async () => {
    const editor = editorWith(2);
    render(PointsToolbar, { editor });
    const undo = screen.getByRole('button', { name: 'Undo' });
    await fireEvent.click(undo);
    expect(editor.points).toHaveLength(1);
    await fireEvent.click(undo);
    expect(editor.points).toHaveLength(0);
    expect(undo).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Clear all' })).toBeDisabled();
  });

  it('asks before clearing, keeps the points on "Keep them", removes them on "Remove them"', async () => {
    const editor = editorWith(3);
    render(PointsToolbar, { editor });
    await fireEvent.click(screen.getByRole('button', { name: 'Clear all' }));
    expect(screen.getByRole('alertdialog')).toHaveTextContent('Remove all 3 points?');
    await expectFocusSoon(screen.getByRole('button', { name: 'Keep them' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Keep them' }));
    expect(editor.points).toHaveLength(3);
    expect(screen.queryByRole('alertdialog')).toBeNull();

    await fireEvent.click(screen.getByRole('button', { name: 'Clear all' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Remove them' }));
    expect(editor.points).toHaveLength(0);
    expect(screen.getByText('0 points')).toBeInTheDocument();
  });

  it('hands the points as CSV to onExport, and shows no button without it', async () => {
    const onExport = vi.fn();
    const editor = editorWith(2);
    const { unmount } = render(PointsToolbar, { editor, onExport });
    await fireEvent.click(screen.getByRole('button', { name: 'Save as CSV…' }));
    expect(onExport).toHaveBeenCalledWith('x1,x2,label\n0,0,0\n0.1,0,0\n');
    unmount();
    render(PointsToolbar, { editor });
    expect(screen.queryByRole('button', { name: 'Save as CSV…' })).toBeNull();
  });

  it('speaks French', () => {
    i18n.lang = 'fr';
    render(PointsToolbar, { editor: editorWith(1), classCount: 2 });
    expect(screen.getByRole('radio', { name: 'Classe 2' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Efface un point' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Tout effacer' })).toBeEnabled();
  });
});

/** The confirmation moves focus to its safe answer right after it appears. */
async function expectFocusSoon(element: HTMLElement): Promise<void> {
  await Promise.resolve();
  expect(element).toHaveFocus();
}
