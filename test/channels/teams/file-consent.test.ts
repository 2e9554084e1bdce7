// Reading a `fileConsent/invoke` value as Teams sends it, and where the bot agrees to PUT a file.
import { describe, expect, it } from 'vitest';
import { consentAnswerOf, uploadUrlAllowed } from '../../../src/channels/teams/on-file-consent.ts';

const uploadInfo = {
  name: 'report.csv',
  uploadUrl: 'https://contoso-my.sharepoint.com/personal/admin/_api/v2.0/drive/items/1/uploadSession?guid=x',
  contentUrl: 'https://contoso-my.sharepoint.com/personal/admin/Documents/Applications/report.csv',
  uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C9D',
  fileType: 'csv',
};

describe('file consent answers', () => {
  it('reads an accept with its upload session and a decline without one', () => {
    expect(
      consentAnswerOf({
        type: 'fileUpload',
        action: 'accept',
        context: { consentId: 'c1' },
        uploadInfo: { ...uploadInfo, extra: 1 },
      }),
    ).toEqual({
      action: 'accept',
      consentId: 'c1',
      uploadInfo,
    });
    expect(consentAnswerOf({ type: 'fileUpload', action: 'decline', context: { consentId: 'c1' } })).toEqual({
      action: 'decline',
      consentId: 'c1',
    });
  });

  it('an accept with an incomplete upload session has none; anything else is not a consent answer', () => {
    const { uniqueId: _u, ...partial } = uploadInfo;
    expect(consentAnswerOf({ action: 'accept', context: { consentId: 'c1' }, uploadInfo: partial })).toEqual({
      action: 'accept',
      consentId: 'c1',
    });
    for (const value of [
      undefined,
      'accept',
      {},
      { action: 'accept' },
      { action: 'maybe', context: { consentId: 'c1' } },
      { action: 'accept', context: { consentId: '' } },
      { action: 'accept', context: { filename: 'x' } },
    ]) {
      expect(consentAnswerOf(value)).toBeUndefined();
    }
  });

  it('uploads only to https, or to plain http when the endpoint runs without auth', () => {
    expect(uploadUrlAllowed(uploadInfo.uploadUrl, false)).toBe(true);
    expect(uploadUrlAllowed('http://127.0.0.1:1234/upload/x', false)).toBe(false);
    expect(uploadUrlAllowed('http://127.0.0.1:1234/upload/x', true)).toBe(true);
    expect(uploadUrlAllowed('file:///etc/passwd', true)).toBe(false);
    expect(uploadUrlAllowed('not a url', true)).toBe(false);
  });
});
