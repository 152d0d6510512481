import { describe, expect, it } from 'vitest';
import {
  checkMeetingMapping,
  compatibleFields,
  type KintoneFieldInfo,
  meetingMappingSchema,
} from '../src/index.js';

const fields: KintoneFieldInfo[] = [
  { code: 'meeting_id', type: 'SINGLE_LINE_TEXT', unique: true },
  { code: 'title', type: 'SINGLE_LINE_TEXT' },
  { code: 'start', type: 'DATETIME' },
  { code: 'day', type: 'DATE' },
  { code: 'duration', type: 'NUMBER' },
  { code: 'summary', type: 'RICH_TEXT' },
  { code: 'transcript', type: 'MULTI_LINE_TEXT' },
  { code: 'recording', type: 'LINK' },
];

describe('meeting field mapping', () => {
  it('offers only compatible fields, and for the meeting ID only unique text fields', () => {
    expect(compatibleFields('meetingId', fields).map((f) => f.code)).toEqual(['meeting_id']);
    expect(compatibleFields('start', fields).map((f) => f.code)).toEqual(['start']);
    expect(compatibleFields('transcript', fields).map((f) => f.code)).toEqual(['summary', 'transcript']);
  });

  it('accepts a complete, compatible mapping', () => {
    const mapping = {
      meetingId: 'meeting_id',
      title: 'title',
      start: 'start',
      transcript: 'transcript',
      recordingUrl: 'recording',
    };
    expect(checkMeetingMapping(mapping, fields)).toEqual([]);
    expect(meetingMappingSchema.parse(mapping)).toEqual(mapping);
  });

  it('explains each problem: missing meeting ID, wrong type, not unique, unknown, used twice', () => {
    expect(checkMeetingMapping({}, fields)).toEqual([{ field: 'meetingId', problem: 'required' }]);
    expect(checkMeetingMapping({ meetingId: 'title' }, fields)).toEqual([
      { field: 'meetingId', problem: 'not-unique', code: 'title' },
    ]);
    expect(checkMeetingMapping({ meetingId: 'meeting_id', start: 'day' }, fields)).toEqual([
      { field: 'start', problem: 'wrong-type', code: 'day', type: 'DATE', expected: ['DATETIME'] },
    ]);
    expect(checkMeetingMapping({ meetingId: 'meeting_id', title: 'gone' }, fields)).toEqual([
      { field: 'title', problem: 'unknown-field', code: 'gone' },
    ]);
    expect(
      checkMeetingMapping(
        { meetingId: 'meeting_id', summary: 'transcript', transcript: 'transcript' },
        fields,
      ),
    ).toEqual([{ field: 'transcript', problem: 'used-twice', code: 'transcript' }]);
  });

  it('refuses a field code with spaces in the contract', () => {
    expect(meetingMappingSchema.safeParse({ meetingId: 'meeting id' }).success).toBe(false);
  });
});
