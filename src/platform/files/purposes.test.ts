import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { PolicyEngine, everyone } from '../policy.js';
import { SECRETS, TINY_JPEG, TINY_PDF, TINY_PNG, containsAscii, jpegWithMetadata } from './fixtures.js';
import { filesMessages } from './messages.js';
import { checkFilePurposes, filePurpose, inspectUpload, largestUploadBytes, registerFilePurpose, sizeLimit } from './purposes.js';
import { expectSameKeysAndPlaceholders } from '../../../test/support/messages.js';

function issueOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('inspecting an upload', () => {
  const rules = { maxBytes: 2048, types: ['image/jpeg', 'image/png', 'application/pdf'] as const };

  it('refuses nothing at all and empty files', () => {
    expect(issueOf(() => inspectUpload(new Uint8Array(), rules))).toEqual([{ field: 'file', key: 'files.empty' }]);
    expect(issueOf(() => inspectUpload(undefined, rules))).toEqual([{ field: 'file', key: 'files.empty' }]);
  });

  it('takes a file of exactly the maximum and refuses one byte more, naming the limit', () => {
    const pdf = Buffer.concat([TINY_PDF, Buffer.alloc(2048 - TINY_PDF.length, 0x20)]);
    expect(inspectUpload(pdf, rules).size).toBe(2048);
    expect(issueOf(() => inspectUpload(Buffer.concat([pdf, Buffer.from(' ')]), rules)))
      .toEqual([{ field: 'file', key: 'files.tooLarge', params: { maximum: 2, unit: 'KB' } }]);
  });

  it('refuses a type the purpose does not take, naming the types it does', () => {
    expect(issueOf(() => inspectUpload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), rules)))
      .toEqual([{ field: 'file', key: 'files.typeNotAllowed', params: { types: 'JPEG, PNG, PDF' } }]);
    expect(issueOf(() => inspectUpload(Buffer.from('plain words'), rules))[0]!.key).toBe('files.typeNotAllowed');
  });

  it('refuses a damaged image, on the field it is told', () => {
    expect(issueOf(() => inspectUpload(TINY_JPEG.subarray(0, 700), rules, 'logo'))).toEqual([{ field: 'logo', key: 'files.damaged' }]);
  });

  it('strips, then hashes what is stored', () => {
    const upload = inspectUpload(jpegWithMetadata(), { ...rules, maxBytes: 10_000 });
    expect(upload.mediaType).toBe('image/jpeg');
    for (const secret of SECRETS) expect(containsAscii(upload.bytes, secret)).toBe(false);
    expect(upload.size).toBe(TINY_JPEG.length);
    expect(upload.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('shows limits in whole KB or MB', () => {
    expect(sizeLimit(10 * 1024 * 1024)).toEqual({ maximum: 10, unit: 'MB' });
    expect(sizeLimit(1536 * 1024)).toEqual({ maximum: 1536, unit: 'KB' });
    expect(sizeLimit(200 * 1024)).toEqual({ maximum: 200, unit: 'KB' });
  });
});

describe('purposes', () => {
  const resource = () => ({ type: 'test' });

  it('registers, and refuses unsupported types, bad names and conflicting re-registration', () => {
    registerFilePurpose({ name: 'purposes-test.photo', maxBytes: 3 * 1024 * 1024, types: ['image/jpeg'], readAction: 'purposes-test.view', resource });
    registerFilePurpose({ name: 'purposes-test.photo', maxBytes: 3 * 1024 * 1024, types: ['image/jpeg'], readAction: 'purposes-test.view', resource });
    expect(filePurpose('purposes-test.photo').maxBytes).toBe(3 * 1024 * 1024);
    expect(largestUploadBytes()).toBeGreaterThanOrEqual(3 * 1024 * 1024);
    expect(() => registerFilePurpose({ name: 'purposes-test.photo', maxBytes: 1024, types: ['image/jpeg'], readAction: 'purposes-test.view', resource })).toThrow(/twice/);
    expect(() => registerFilePurpose({ name: 'purposes-test.svg', maxBytes: 1024, types: ['image/svg+xml' as never], readAction: 'x', resource })).toThrow(/never SVG/);
    expect(() => registerFilePurpose({ name: 'Bad Name', maxBytes: 1024, types: ['image/png'], readAction: 'x', resource })).toThrow();
    expect(() => registerFilePurpose({ name: 'purposes-test.zero', maxBytes: 0, types: ['image/png'], readAction: 'x', resource })).toThrow();
    expect(() => filePurpose('purposes-test.unknown')).toThrow(/No file purpose/);
  });

  it('takes a public cache time in whole seconds for files everyone may read, and holds it to the first registration', () => {
    registerFilePurpose({ name: 'purposes-test.logo', maxBytes: 1024, types: ['image/png'], readAction: 'purposes-test.view', resource, publicMaxAge: 600 });
    expect(filePurpose('purposes-test.logo').publicMaxAge).toBe(600);
    expect(() => registerFilePurpose({ name: 'purposes-test.logo', maxBytes: 1024, types: ['image/png'], readAction: 'purposes-test.view', resource })).toThrow(/twice/);
    for (const publicMaxAge of [0, -1, 1.5]) {
      expect(() => registerFilePurpose({ name: 'purposes-test.cached', maxBytes: 1024, types: ['image/png'], readAction: 'x', resource, publicMaxAge })).toThrow(/publicMaxAge/);
    }
  });

  it('checkFilePurposes finds a read action without a policy rule', () => {
    registerFilePurpose({ name: 'purposes-test.doc', maxBytes: 1024, types: ['application/pdf'], readAction: 'purposes-test.doc.view', resource });
    const policy = new PolicyEngine();
    expect(() => checkFilePurposes(policy)).toThrow(/purposes-test.doc \(purposes-test.doc.view\)/);
    policy.register('purposes-test.view', everyone);
    policy.register('purposes-test.doc.view', everyone);
    expect(() => checkFilePurposes(policy)).not.toThrow();
  });
});

it('the catalogue has the same keys and placeholders in both languages', () => {
  expectSameKeysAndPlaceholders(filesMessages);
  expect(Object.keys(filesMessages.nl).sort()).toEqual(['files.damaged', 'files.empty', 'files.privacy.data', 'files.tooLarge', 'files.typeNotAllowed']);
});

it('a PNG passes a PNG purpose whatever it was called', () => {
  expect(inspectUpload(TINY_PNG, { maxBytes: 1024, types: ['image/png'] }).mediaType).toBe('image/png');
});
