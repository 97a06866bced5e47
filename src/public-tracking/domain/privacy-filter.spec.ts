import { PrivacyFilter } from './privacy-filter';

describe('PrivacyFilter', () => {
  const filter = new PrivacyFilter(['Jane Doe', null, 'Hauptstraße 12', 'Hinterhaus 3. OG', '+49 30 1234567', 'jane.doe@example.org', '10115']);

  it.each`
    text                                                           | cleaned
    ${'Delivered, signed by J DOE'}                                | ${'Delivered, signed by …'}
    ${'Delivered. Received by: Jane D.'}                          | ${'Delivered. Received by ….'}
    ${'Zugestellt, unterschrieben von Frau Doe'}                   | ${'Zugestellt, unterschrieben von …'}
    ${'Left at the door of Jane Doe'}                              | ${'Left at the door of …'}
    ${'JANE DOE not at home, card left'}                           | ${'… not at home, card left'}
    ${'Address issue: Hauptstraße 12 not found'}                   | ${'Address issue: … not found'}
    ${'Call +49 (30) 123-4567 to rearrange'}                       | ${'Call … to rearrange'}
    ${'Call 004930 1234567 to rearrange'}                          | ${'Call … to rearrange'}
    ${'Notification sent to jane.doe@example.org'}                 | ${'Notification sent to …'}
    ${'Notification sent to someone.else@mail.example'}            | ${'Notification sent to …'}
    ${'Call the depot at 0800 123 45 67'}                          | ${'Call the depot at …'}
    ${'Arrived at delivery office 10115 Berlin'}                   | ${'Arrived at delivery office … Berlin'}
    ${'Departed facility in Leipzig'}                              | ${'Departed facility in Leipzig'}
    ${'Arrived 2026-11-27 14:05 at hub 7'}                         | ${'Arrived 2026-11-27 14:05 at hub 7'}
    ${'Processed at 27.11.2026'}                                   | ${'Processed at 27.11.2026'}
    ${'Shipment 1Z999 weighs 2.5 kg'}                              | ${'Shipment 1Z999 weighs 2.5 kg'}
    ${'Janet Doerr collected it'}                                  | ${'Janet Doerr collected it'}
  `('$text', ({ text, cleaned }) => {
    expect(filter.clean(text)).toBe(cleaned);
  });

  it('scrubs a repeated text the same way every time, and by its own personal data only', () => {
    const texts = ['JANE DOE not at home, card left', 'Call +49 (30) 123-4567 to rearrange', 'Departed facility in Leipzig'];
    const once = texts.map((t) => new PrivacyFilter(['Jane Doe', '+49 30 1234567']).clean(t));
    const f = new PrivacyFilter(['Jane Doe', '+49 30 1234567']);
    for (let round = 0; round < 3; round++) expect(texts.map((t) => f.clean(t))).toEqual(once);
    expect(once).toEqual(['… not at home, card left', 'Call … to rearrange', 'Departed facility in Leipzig']);
    expect(new PrivacyFilter(['Max Muster']).clean(texts[0])).toBe('JANE DOE not at home, card left');
  });

  it('without personal data it still removes emails, phones and signatures', () => {
    const f = new PrivacyFilter([]);
    expect(f.clean('Signed for by SMITH; phone 212 555 0100 98; x@y.io')).toBe('Signed for by …; phone …; …');
  });
});
