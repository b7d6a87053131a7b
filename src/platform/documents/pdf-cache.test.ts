import { describe, expect, it } from 'vitest';
import { PdfCache } from './pdf-cache.js';

/** A stand-in for Chromium: counts renders, answers after the test lets it, or fails on request. */
function fakeRenderer() {
  const calls: string[] = [];
  const waiting: Array<() => void> = [];
  const render = async (markup: string) => {
    calls.push(markup);
    await new Promise<void>((resolve) => waiting.push(resolve));
    return markup.includes('broken') ? null : Buffer.from(`%PDF of ${markup}`);
  };
  const finish = () => { for (const resolve of waiting.splice(0)) resolve(); };
  return { calls, render, finish };
}

describe('PdfCache', () => {
  it('renders a document asked by many at once only once, and keeps it for the next', async () => {
    const r = fakeRenderer();
    const cache = new PdfCache(r.render, 1_000);
    const asked = [cache.get('<p>A</p>', { title: 'A' }), cache.get('<p>A</p>', { title: 'A' }), cache.get('<p>A</p>', { title: 'A' })];
    await Promise.resolve();
    r.finish();
    const pdfs = await Promise.all(asked);
    expect(r.calls).toEqual(['<p>A</p>']);
    expect(new Set(pdfs.map((p) => p!.toString()))).toEqual(new Set(['%PDF of <p>A</p>']));
    expect((await cache.get('<p>A</p>', { title: 'A' }))!.toString()).toBe('%PDF of <p>A</p>');
    expect(r.calls).toHaveLength(1);
    expect(cache.stats).toEqual({ count: 1, bytes: '%PDF of <p>A</p>'.length });
  });

  it('renders again when the HTML or the options differ', async () => {
    const r = fakeRenderer();
    const cache = new PdfCache(r.render, 1_000);
    const asked = [cache.get('<p>A</p>', { title: 'A' }), cache.get('<p>B</p>', { title: 'A' }), cache.get('<p>A</p>', { title: 'Other title' })];
    await Promise.resolve();
    r.finish();
    await Promise.all(asked);
    expect(r.calls).toEqual(['<p>A</p>', '<p>B</p>', '<p>A</p>']);
  });

  it('does not keep a failed render, and drops the least recently used PDFs beyond its size', async () => {
    const r = fakeRenderer();
    const cache = new PdfCache(r.render, 39);
    const get = async (markup: string) => {
      const pdf = cache.get(markup, { title: 't' });
      await Promise.resolve();
      r.finish();
      return pdf;
    };
    expect(await get('broken')).toBeNull();
    expect(await get('broken')).toBeNull();
    expect(r.calls).toEqual(['broken', 'broken']);
    await get('first document'); // a PDF of 22 bytes
    await get('second doc'); // 18 more: 40 > 39, the first goes
    expect(cache.stats.count).toBe(1);
    await get('second doc');
    await get('first document');
    expect(r.calls.slice(2)).toEqual(['first document', 'second doc', 'first document']);
  });
});
