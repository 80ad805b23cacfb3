import { describe, expect, it } from 'vitest';
import { lineOf, locate } from './jsonLocate';

const text = `{
  "sla_version": "v2.0",
  "applications": [
    {
      "application_name": "demo",
      "microservices": [
        { "microservice_name": "a" },
        {
          "microservice_name": "b",
          "port": 80
        }
      ]
    }
  ]
}`;

describe('locate', () => {
  it('finds the line of every member', () => {
    const l = locate(text);
    expect(l.syntaxError).toBeUndefined();
    expect(lineOf(l, '$.sla_version')).toBe(2);
    expect(lineOf(l, '$.applications[0].application_name')).toBe(5);
    expect(lineOf(l, '$.applications[0].microservices[0].microservice_name')).toBe(7);
    expect(lineOf(l, '/applications/0/microservices/1/port')).toBe(10);
  });

  it('puts a missing member on the line of the object that lacks it', () => {
    const l = locate(text);
    expect(lineOf(l, '$.applications[0].microservices[1].microservice_namespace')).toBe(8);
    expect(lineOf(l, '$.applications[0].application_namespace')).toBe(4);
    expect(lineOf(l, '$')).toBe(1);
  });

  it('reports where the text stops being JSON', () => {
    const l = locate('{\n  "a": 1,\n  "b": \n}');
    expect(l.syntaxError?.line).toBe(4);
    expect(locate('{"a": "x\n"}').syntaxError?.message).toMatch(/past the end of its line/);
    expect(locate('{} extra').syntaxError?.message).toMatch(/more text/);
    expect(locate('   ').syntaxError?.message).toMatch(/empty/);
  });

  it('handles escapes and nested arrays', () => {
    const l = locate('{"a\\"b": [[1, 2], {"c": "\\u00e9"}]}');
    expect(l.syntaxError).toBeUndefined();
    expect(l.spots.has('a"b[1].c')).toBe(true);
  });
});
