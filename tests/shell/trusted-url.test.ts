import { describe, expect, it } from 'vitest';
import { APP_URL, isAllowedExternalUrl, isTrustedUrl } from '../../electron/main/trusted-url';

describe('isTrustedUrl', () => {
  it.each([
    [APP_URL, true],
    ['app://ptdv/index.html', true],
    ['app://ptdv/ung-vien/42?tab=su-kien#top', true],
    ['app://PTDV/', true],
    ['app://ptdv.evil.example/', false],
    ['app://evil/', false],
    ['app://user:pw@ptdv/', false],
    ['app://ptdv:8080/', false],
    ['file:///etc/passwd', false],
    ['https://thuvienphapluat.vn/', false],
    ['http://127.0.0.1:5173/', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['about:blank', false],
    ['devtools://devtools/bundled/inspector.html', false],
    ['', false],
    ['không phải địa chỉ', false],
  ])('%s → %s', (url, trusted) => {
    expect(isTrustedUrl(url)).toBe(trusted);
  });
});

describe('isAllowedExternalUrl', () => {
  it('allows nothing while the allow-list is empty', () => {
    expect(isAllowedExternalUrl('https://thuvienphapluat.vn/van-ban')).toBe(false);
    expect(isAllowedExternalUrl('https://dangcongsan.vn/')).toBe(false);
  });

  it('allows only https pages of a listed origin', () => {
    const list = ['https://thuvienphapluat.vn'];
    expect(isAllowedExternalUrl('https://thuvienphapluat.vn/van-ban/1', list)).toBe(true);
    expect(isAllowedExternalUrl('http://thuvienphapluat.vn/van-ban/1', list)).toBe(false);
    expect(isAllowedExternalUrl('https://thuvienphapluat.vn.evil.example/', list)).toBe(false);
    expect(isAllowedExternalUrl('https://evil.example/?u=https://thuvienphapluat.vn', list)).toBe(false);
  });
});
