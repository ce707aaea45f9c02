// The IIS log views inside the evidence table: the top failing clients and the failures-per-hour chart,
// found by role and name as a screen reader would, with every number present as text (no colour needed).
import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import EvidenceTable from '../../renderer/src/components/EvidenceTable.svelte';
import { contextMap } from '../../renderer/src/lib/context.js';
import { Language } from '../../renderer/src/lib/i18n.svelte.js';
import type { Evidence } from '../../shared/results.js';

const evidence: Evidence[] = [
  {
    label: { en: 'Clients that fail most', ja: '失敗の多いクライアント' },
    value: '2 of 3 clients had failures',
    table: {
      columns: [{ en: 'Client', ja: 'クライアント' }, { en: 'Failed / requests', ja: '失敗 / 要求' }, { en: 'What it means', ja: '意味' }],
      rows: [[{ en: '10.9.0.1', ja: '10.9.0.1' }, { en: '4 / 9', ja: '4 / 9' }, { en: '401.2: anonymous access is off', ja: '401.2: 匿名アクセスが無効' }]],
    },
  },
  {
    label: { en: 'Self-update failures per hour (UTC)', ja: '1 時間ごとの自己更新の失敗 (UTC)' },
    value: '5 failures',
    series: {
      unit: { en: 'failed self-update requests', ja: '失敗した自己更新の要求' },
      totalUnit: { en: 'self-update requests', ja: '自己更新の要求' },
      points: [
        { label: '2024-05-01T10:00', value: 2, total: 8 },
        { label: '2024-05-01T11:00', value: 3, total: 3 },
      ],
    },
  },
];

describe('log views in the evidence', () => {
  it('shows the failing clients as a table with headers and the explanation, in both languages', async () => {
    const lang = new Language({ initial: 'en', storage: null });
    render(EvidenceTable, { props: { evidence }, context: contextMap({ language: lang }) });
    const table = screen.getByRole('table', { name: 'Clients that fail most' });
    expect(within(table).getByRole('columnheader', { name: 'What it means' })).toBeTruthy();
    expect(within(table).getByRole('rowheader', { name: '10.9.0.1' })).toBeTruthy();
    expect(table.textContent).toContain('401.2: anonymous access is off');
  });

  it('draws failures per hour with the counts as text and a legend that does not rely on colour', () => {
    const lang = new Language({ initial: 'ja', storage: null });
    render(EvidenceTable, { props: { evidence }, context: contextMap({ language: lang }) });
    const chart = screen.getByRole('table', { name: /1 時間ごとの自己更新の失敗/ });
    const rows = within(chart).getAllByRole('row');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toMatch(/2024-05-01T10:00.*2\s*\/\s*8/);
    expect(chart.querySelector('caption')?.textContent).toContain('自己更新の要求');
    expect(chart.querySelectorAll('.hatched')).toHaveLength(2 + 1); // two bars and the legend swatch
  });
});
