/** The sender verdict: only the town's server's topmost Authentication-Results, a DMARC pass or an aligned DKIM pass. */
import { describe, expect, it } from 'vitest';
import { aligned, senderVerdict } from '../../../src/core/messages/authentication.js';
import { parseAuthResults } from '../../../src/mail/authResults.js';

describe('the verdict on the From domain', () => {
  const v = (headers: string[], from = 'claire@example.fr') => senderVerdict(parseAuthResults(headers), 'mx.mairie.fr', from);
  it.each<[string, string[], string, string?]>([
    ['dmarc=pass from our server', ['mx.mairie.fr; dmarc=pass header.from=example.fr'], 'pass'],
    ['dkim=pass aligned (same domain)', ['mx.mairie.fr; dkim=pass header.d=example.fr; dmarc=none'], 'pass'],
    ['dkim=pass aligned by header.i', ['mx.mairie.fr; dkim=pass header.i=@example.fr'], 'pass'],
    ['dkim=pass by the organisational parent', ['mx.mairie.fr; dkim=pass header.d=example.fr'], 'pass', 'claire@mail.example.fr'],
    ['dkim=pass, another domain', ['mx.mairie.fr; dkim=pass header.d=mailer.example'], 'none'],
    ['dmarc=pass for another From domain', ['mx.mairie.fr; dmarc=pass header.from=attacker.example'], 'none'],
    ['dmarc=none', ['mx.mairie.fr; dmarc=none'], 'none'],
    ['spf=softfail only', ['mx.mairie.fr; spf=softfail smtp.mailfrom=example.fr'], 'none'],
    ['dmarc=temperror', ['mx.mairie.fr; dmarc=temperror'], 'none'],
    ['a pass from another server', ['mx.attacker.example; dmarc=pass header.from=example.fr'], 'none'],
    ['our id, but below another server’s header', ['mx.other.example; spf=pass', 'mx.mairie.fr; dmarc=pass header.from=example.fr'], 'none'],
    ['our server on top, the pass below (a sender can write that one)', ['mx.mairie.fr; spf=pass smtp.mailfrom=example.fr; dmarc=none', 'mx.mairie.fr; dmarc=pass header.from=example.fr'], 'none'],
    ['the pass in our server’s topmost header', ['mx.mairie.fr; dmarc=pass header.from=example.fr', 'mx.mairie.fr; spf=pass smtp.mailfrom=example.fr'], 'pass'],
    ['dmarc=fail anywhere', ['mx.mairie.fr; dkim=pass header.d=example.fr', 'mx.mairie.fr; dmarc=fail header.from=example.fr'], 'fail'],
    ['no header', [], 'none'],
  ])('%s → %s', (_name, headers, expected, from) => expect(v(headers, from)).toBe(expected));

  it('trusts nothing without MAIL_AUTHSERV_ID', () => {
    expect(senderVerdict(parseAuthResults(['mx.mairie.fr; dmarc=pass']), undefined, 'a@example.fr')).toBe('none');
  });

  it('aligns without the public suffix list only on real domains', () => {
    expect(aligned('example.fr', 'mail.example.fr')).toBe(true);
    expect(aligned('fr', 'example.fr')).toBe(false);
    expect(aligned('example.fr.evil.example', 'example.fr')).toBe(false);
  });
});
