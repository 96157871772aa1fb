/**
 * The test images of a finished run with what the network made of each: the source of
 * the misclassified examples sent with 'completed' and of `train:examples` for any cell
 * of the confusion matrix (diagonal included), without running the network again.
 */
import type { Example } from '../ipc/contract';
import type { TestPredictions } from './workerProtocol';

export class TestResults {
  readonly count: number;
  readonly misclassifiedCount: number;
  private readonly pixelsPerImage: number;

  constructor(readonly runId: string, private readonly p: TestPredictions) {
    this.count = p.labels.length;
    this.pixelsPerImage = p.rows * p.cols;
    let wrong = 0;
    for (let i = 0; i < this.count; i++) if (p.predicted[i] !== p.labels[i]) wrong++;
    this.misclassifiedCount = wrong;
  }

  /** Every misclassified image, most confident mistakes first, at most `limit`. */
  misclassified(limit: number): Example[] {
    return this.select((label, predicted) => label !== predicted, limit);
  }

  /** The images of true class `label` predicted as `predicted`, most confident first, at most `limit`. */
  cell(label: number, predicted: number, limit: number): Example[] {
    return this.select((l, p) => l === label && p === predicted, limit);
  }

  private select(keep: (label: number, predicted: number) => boolean, limit: number): Example[] {
    const { labels, predicted, confidence } = this.p;
    const picked: number[] = [];
    for (let i = 0; i < this.count; i++) if (keep(labels[i]!, predicted[i]!)) picked.push(i);
    picked.sort((a, b) => confidence[b]! - confidence[a]! || a - b);
    return picked.slice(0, Math.max(0, limit)).map((i) => this.example(i));
  }

  private example(index: number): Example {
    const px = this.pixelsPerImage;
    const bytes = this.p.images.subarray(index * px, (index + 1) * px);
    return {
      index,
      label: this.p.labels[index]!,
      predicted: this.p.predicted[index]!,
      confidence: this.p.confidence[index]!,
      pixels: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
    };
  }
}
