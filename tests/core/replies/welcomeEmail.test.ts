import { expect, it } from 'vitest';
import { loadTownConfig } from '../../../src/config/town.js';
import { welcomeEmail, writingExamples } from '../../../src/core/replies/welcomeEmail.js';

const base = { town: loadTownConfig(), guardianName: 'Inès Durand', code: 'ABCD2345', expiresAt: new Date('2026-12-31T10:00:00Z'), botUsername: 'ChatenoyBot' };

it('gives examples with the family’s own children', () => {
  const text = welcomeEmail({ ...base, children: ['Noé', 'Jade'] }).text;
  expect(text).toContain('  « Noé mange à la cantine lundi et mardi »');
  expect(text).toContain('  « Annule la garderie du soir de Jade vendredi »');
  expect(text).toContain('  « Qu’est-ce que Noé a cette semaine ? »');
  expect(text).not.toMatch(/Léa|Tom/);
});

it('uses the only child twice, and no name for a family without children', () => {
  expect(writingExamples(['Noé'])).toEqual(['« Noé mange à la cantine lundi et mardi »', '« Annule la garderie du soir de Noé vendredi »', '« Qu’est-ce que Noé a cette semaine ? »']);
  const none = welcomeEmail(base).text;
  expect(none).toContain('« Cantine lundi et mardi »');
  expect(none).not.toMatch(/Léa|Tom/);
});
