import { describe, expect, it } from 'vitest';
import { basicAuthorization } from './basicAuth';

describe('basicAuthorization', () => {
  it('basicAuthorization_ascii_matchesRfcExample', () => {
    expect(basicAuthorization('Aladdin', 'open sesame')).toBe('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==');
  });

  it('basicAuthorization_nonAscii_isUtf8', () => {
    expect(basicAuthorization('test', '123£')).toBe('Basic dGVzdDoxMjPCow==');
  });

  it('basicAuthorization_passwordWithColon_isKept', () => {
    expect(atob(basicAuthorization('a', 'b:c').slice(6))).toBe('a:b:c');
  });

  it('basicAuthorization_usernameWithColon_throws', () => {
    expect(() => basicAuthorization('a:b', 'c')).toThrow(RangeError);
  });
});
