import { fieldChanges } from './field-changes.js';

describe('fieldChanges', () => {
  it('lists each field with its value before and after, as text', () => {
    expect(fieldChanges('{"status":"placed","stock":3}', '{"status":"shipped","stock":0}')).toEqual([
      { field: 'status', before: 'placed', after: 'shipped' },
      { field: 'stock', before: '3', after: '0' },
    ]);
  });

  it('shows what was created or deleted on one side only', () => {
    expect(fieldChanges(null, '{"email":"later@example.test"}')).toEqual([{ field: 'email', after: 'later@example.test' }]);
    expect(fieldChanges('{"name":"Old"}', null)).toEqual([{ field: 'name', before: 'Old' }]);
    expect(fieldChanges(null, null)).toEqual([]);
  });

  it('writes yes/no, none, empty and nested values readably', () => {
    expect(fieldChanges('{"a":false,"b":null,"c":""}', '{"a":true,"b":{"x":1},"c":["S","M"]}')).toEqual([
      { field: 'a', before: 'no', after: 'yes' },
      { field: 'b', before: '(none)', after: '{"x":1}' },
      { field: 'c', before: '(empty)', after: '["S","M"]' },
    ]);
  });

  it('shows a snapshot that is not an object, or was cut short, as one value', () => {
    expect(fieldChanges('"text"', '{"oops":')).toEqual([{ field: 'value', before: 'text', after: '{"oops":' }]);
  });
});
