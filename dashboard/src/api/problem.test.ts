import { describe, expect, it } from 'vitest';
import { displayPath, pathSegments, problemFrom } from './problem';

describe('problemFrom', () => {
  it('reads title, detail, type and {path, reason} violations from problem+json', () => {
    const e = problemFrom(
      422,
      'Unprocessable Content',
      JSON.stringify({
        type: 'about:blank',
        title: 'Invalid SLA',
        status: 422,
        detail: 'The SLA has 1 problem',
        violations: [{ path: '$.sla_version', reason: 'must be "v2.0"' }],
      }),
    );
    expect(e).toMatchObject({ status: 422, title: 'Invalid SLA', detail: 'The SLA has 1 problem', type: 'about:blank' });
    expect(e.violations).toEqual([{ path: '$.sla_version', reason: 'must be "v2.0"' }]);
    expect(e.message).toBe('Invalid SLA: The SLA has 1 problem');
  });

  it('accepts an errors array with field/message or pointer/detail items', () => {
    const e = problemFrom(
      422,
      '',
      JSON.stringify({
        title: 'Bad',
        errors: [
          { field: 'applications[0].application_name', message: 'too long' },
          { pointer: '/applications/0/microservices/0/memory', detail: 'must be a number' },
          'a plain message',
          42,
        ],
      }),
    );
    expect(e.violations).toEqual([
      { path: 'applications[0].application_name', reason: 'too long' },
      { path: '/applications/0/microservices/0/memory', reason: 'must be a number' },
      { path: '', reason: 'a plain message' },
    ]);
  });

  it('falls back to a readable title per status and to Oakestra-style {message}', () => {
    const e = problemFrom(409, 'Conflict', JSON.stringify({ message: 'application exists' }));
    expect(e.title).toBe('Conflict');
    expect(e.detail).toBe('application exists');
    expect(e.violations).toEqual([]);
  });

  it('keeps a short text body as the detail and drops HTML error pages', () => {
    expect(problemFrom(502, 'Bad Gateway', 'upstream down').detail).toBe('upstream down');
    const html = problemFrom(500, 'Server Error', '<html><body>Whitelabel</body></html>');
    expect(html.title).toBe('The root orchestrator failed');
    expect(html.detail).toBe('');
  });
});

describe('pathSegments', () => {
  it.each([
    ['$.applications[0].microservices[1].port', ['applications', 0, 'microservices', 1, 'port']],
    ['applications[0].microservices[1].port', ['applications', 0, 'microservices', 1, 'port']],
    ['/applications/0/microservices/1/port', ['applications', 0, 'microservices', 1, 'port']],
    ['#/applications/0/application_name', ['applications', 0, 'application_name']],
    ["$['applications'][0]", ['applications', 0]],
    ['applications.0.port', ['applications', 0, 'port']],
    ['$', []],
  ])('%s', (path, segs) => {
    expect(pathSegments(path)).toEqual(segs);
  });

  it('writes every form the same way for display', () => {
    expect(displayPath('/applications/0/microservices/1/port')).toBe('applications[0].microservices[1].port');
    expect(displayPath('$')).toBe('(whole document)');
  });
});
