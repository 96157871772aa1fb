import { describe, expect, it } from 'vitest';
import { formatMessage, type Message } from '../messages';
import { sampleRunRecord } from '../testing/runRecords';
import { expectWorded } from '../testing/messages';
import { parseRunRecord, serializeRunRecord } from './runRecord';

const FILE = '20261207-041500-0a1b2c3d.json';

/** What parsing `text` refuses, as a catalog message. */
function refusal(text: string): Message {
  try {
    parseRunRecord(text, FILE);
  } catch (e) {
    return (e as { detail: Message }).detail;
  }
  throw new Error('accepted');
}
const edited = (edit: (r: any) => void): string => {
  const r = JSON.parse(serializeRunRecord(sampleRunRecord()));
  edit(r);
  return JSON.stringify(r);
};

describe('run records', () => {
  it('read back what was written', () => {
    const record = sampleRunRecord({ name: 'Moons, tanh', starred: true, modelId: 'moons-1' });
    expect(parseRunRecord(serializeRunRecord(record), FILE)).toEqual(record);
  });

  it('keep a diverged loss (NaN, written null) as NaN', () => {
    const record = sampleRunRecord({ ending: 'failed', endingDetail: { key: 'train.crashed', params: { why: 'x' } }, test: null });
    record.history[1] = { ...record.history[1]!, running: { loss: Number.NaN, accuracy: 0.5 } };
    const back = parseRunRecord(serializeRunRecord(record), FILE);
    expect(back.history[1]!.running.loss).toBeNaN();
    expect(back.endingDetail).toEqual({ key: 'train.crashed', params: { why: 'x' } });
  });

  it.each([
    ['not JSON', '{"format": "layerwise-run",', 'runs.notJson', null],
    ['not a run', JSON.stringify({ format: 'layers-model' }), 'runs.notARun', null],
    ['a newer format', edited((r) => { r.version = 9; }), 'runs.newerVersion', null],
    ['an older, unknown version', edited((r) => { r.version = 0; }), 'runs.badField', 'version'],
    ['a negative live learning rate', edited((r) => { r.learningRateSet = -1; }), 'runs.badField', 'learningRateSet'],
    ['a bad id', edited((r) => { r.id = '../../etc/passwd'; }), 'runs.badField', 'id'],
    ['an unknown ending', edited((r) => { r.ending = 'exploded'; }), 'runs.badField', 'ending'],
    ['a date that is not one', edited((r) => { r.startedAt = 'yesterday'; }), 'runs.badField', 'startedAt'],
    ['a spec without layers', edited((r) => { delete r.spec.layers; }), 'runs.badField', 'spec'],
    ['a dataset without its choice', edited((r) => { r.dataset.choice = 3; }), 'runs.badField', 'dataset.choice'],
    ['an unknown task', edited((r) => { r.dataset.task = { kind: 'teleport' }; }), 'runs.badField', 'dataset.task'],
    ['an epoch without its loss', edited((r) => { delete r.history[1].val.loss; }), 'runs.badField', 'history.1.val'],
    ['an unknown metric', edited((r) => { r.history[0].running.magic = 1; }), 'runs.badField', 'history.0.running.magic'],
    ['steps and losses of different lengths', edited((r) => { r.batchLoss.loss.pop(); }), 'runs.badField', 'batchLoss.loss'],
    ['a confusion matrix that is not square', edited((r) => { r.test.confusion[1].push(4); }), 'runs.badField', 'test.confusion'],
    ['a model id with a path', edited((r) => { r.modelId = '../x'; }), 'runs.badField', 'modelId'],
    ['a huge name', edited((r) => { r.name = 'x'.repeat(500); }), 'runs.badField', 'name'],
  ])('refuse %s precisely', (_what, text, key, field) => {
    const m = refusal(text);
    expect(m.key).toBe(key);
    expect(m.params?.['file']).toBe(FILE);
    if (field !== null) expect(m.params?.['field']).toBe(field);
    expectWorded(m, key);
    expect(formatMessage(m, 'fr')).toContain(FILE);
  });
});

describe('run notes', () => {
  it('read back, and a record written before notes existed reads as having none', () => {
    const noted = sampleRunRecord({ notes: 'Batch 1 is noisy.' });
    expect(parseRunRecord(serializeRunRecord(noted), FILE).notes).toBe('Batch 1 is noisy.');
    const old = JSON.parse(serializeRunRecord(sampleRunRecord()));
    expect('notes' in old).toBe(false);
    expect(parseRunRecord(JSON.stringify(old), FILE).notes).toBeUndefined();
  });

  it('refuse notes that are not text, or too long, naming the field', () => {
    expect(refusal(edited((r) => { r.notes = 42; }))).toEqual({ key: 'runs.badField', params: { file: FILE, field: 'notes' } });
    expect(refusal(edited((r) => { r.notes = 'x'.repeat(10_001); }))).toEqual({ key: 'runs.badField', params: { file: FILE, field: 'notes' } });
  });
});

describe('recorded mistakes', () => {
  const mistake = { label: 7, predicted: 2, confidence: 0.93, pixels: 'AP+AAA==' };
  it('read back, and records without them read as having none', () => {
    const record = sampleRunRecord({ test: { ...sampleRunRecord().test!, misclassified: [mistake] } });
    expect(parseRunRecord(serializeRunRecord(record), FILE).test!.misclassified).toEqual([mistake]);
    expect(parseRunRecord(serializeRunRecord(sampleRunRecord()), FILE).test!.misclassified).toBeUndefined();
  });

  it('refuse too many, a confidence past 1, or pixels that are not base64', () => {
    const bad = { key: 'runs.badField', params: { file: FILE, field: 'test.misclassified' } };
    expect(refusal(edited((r) => { r.test.misclassified = Array(9).fill(mistake); }))).toEqual(bad);
    expect(refusal(edited((r) => { r.test.misclassified = [{ ...mistake, confidence: 1.5 }]; }))).toEqual(bad);
    expect(refusal(edited((r) => { r.test.misclassified = [{ ...mistake, pixels: '<svg>' }]; }))).toEqual(bad);
  });
});
