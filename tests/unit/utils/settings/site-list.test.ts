import { describe, expect, it } from 'vitest';
import { parseSiteList } from '@/utils/settings/site-list';
import { isSiteListed } from '@/utils/settings';

describe('parseSiteList', () => {
  it('keeps lower-case host names from addresses, hosts with ports, paths, www. and *.', () => {
    expect(parseSiteList('https://Mail.Example.com/inbox?x=1\nwww.news.example.org\n*.docs.example.net:8080/path, localhost')).toEqual([
      'mail.example.com',
      'news.example.org',
      'docs.example.net',
      'localhost',
    ]);
  });

  it('drops empty lines, duplicates and text that is not a host name', () => {
    expect(parseSiteList('\n  example.com \nexample.com\nnot a site!\n<script>\n')).toEqual(['example.com']);
    expect(parseSiteList('ex<ample>.com\n')).toEqual([]);
  });

  it('lists that match the site and its subdomains', () => {
    const list = parseSiteList('example.com');
    expect(isSiteListed('example.com', list)).toBe(true);
    expect(isSiteListed('mail.example.com', list)).toBe(true);
    expect(isSiteListed('badexample.com', list)).toBe(false);
  });
});
