import { describe, expect, it } from 'vitest';
import { CATALOGUE, definition, definitionsForRole, missingDefinitions } from '../../../shared/catalogue/index.js';
import { ALL_CHECK_IDS, HTTP_CHECK_IDS, NETWORK_CHECK_IDS, SERVER_CHECK_IDS, isCheckId } from '../../../shared/check-ids.js';
import { DOCS, DOC_HOSTS } from '../../../shared/docs.js';
import { FLOWS, idsInFlows } from '../../../shared/flow.js';
import { ROLES } from '../../../shared/status.js';
import type { Role } from '../../../shared/status.js';

/** Hiragana, katakana (incl. the long-vowel mark) and CJK ideographs. */
const JAPANESE = /[\u3040-\u309f\u30a0-\u30ff\u4e00-\u9fff]/;
/** Kana only: English text may quote a kanji-free name, never Japanese sentences. */
const KANA = /[\u3040-\u309f\u30a0-\u30ff]/;

function assertDocUrl(url: string, where: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${where}: not a URL: ${url}`);
  }
  expect(parsed.protocol, `${where}: ${url}`).toBe('https:');
  expect(DOC_HOSTS, `${where}: host of ${url}`).toContain(parsed.hostname);
}

describe('check catalogue', () => {
  it('has a definition for every id in check-ids.ts', () => {
    expect(missingDefinitions()).toEqual([]);
    for (const id of ALL_CHECK_IDS) expect(definition(id).id).toBe(id);
  });

  it('has exactly one entry per id and no entry for an unknown id', () => {
    const ids = CATALOGUE.map((d) => d.id);
    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(duplicates).toEqual([]);
    expect(ids.filter((id) => !isCheckId(id))).toEqual([]);
    expect(CATALOGUE).toHaveLength(ALL_CHECK_IDS.length);
  });

  it('lists the checks in the order of ALL_CHECK_IDS', () => {
    expect(CATALOGUE.map((d) => d.id)).toEqual([...ALL_CHECK_IDS]);
  });

  it('names only earlier entries in `after`', () => {
    const position = new Map(CATALOGUE.map((d, i) => [d.id, i] as const));
    for (const [i, d] of CATALOGUE.entries()) {
      for (const dep of d.after ?? []) {
        expect(isCheckId(dep), `${d.id} depends on unknown ${dep}`).toBe(true);
        expect(dep, `${d.id} depends on itself`).not.toBe(d.id);
        const at = position.get(dep);
        expect(at, `${d.id} depends on ${dep}, which has no entry`).toBeDefined();
        expect(at! < i, `${d.id} depends on ${dep}, which comes later`).toBe(true);
      }
    }
  });

  it('has English and Japanese titles and explanations', () => {
    for (const d of CATALOGUE) {
      for (const [name, text] of [
        ['title', d.title],
        ['explanation', d.explanation],
      ] as const) {
        expect(text.en.trim(), `${d.id} ${name}.en`).not.toBe('');
        expect(text.ja.trim(), `${d.id} ${name}.ja`).not.toBe('');
        expect(text.ja, `${d.id} ${name}.ja has no Japanese characters`).toMatch(JAPANESE);
        expect(text.en, `${d.id} ${name}.en contains Japanese`).not.toMatch(KANA);
        expect(text.ja, `${d.id} ${name}.ja is a copy of the English`).not.toBe(text.en);
      }
    }
  });

  it('links only https pages on the allowed hosts', () => {
    for (const d of CATALOGUE) for (const url of d.docs) assertDocUrl(url, d.id);
    for (const [key, url] of Object.entries(DOCS)) assertDocUrl(url, `DOCS.${key}`);
  });

  it('gives network and HTTP checks the client and remote roles without eras, and server checks the server role', () => {
    for (const id of [...NETWORK_CHECK_IDS, ...HTTP_CHECK_IDS]) {
      const d = definition(id);
      expect([...d.roles].sort(), id).toEqual(['client', 'remote']);
      expect(d.eras, `${id} runs remotely too, so it must not restrict eras`).toBeUndefined();
    }
    for (const id of SERVER_CHECK_IDS) expect(definition(id).roles, id).toEqual(['server']);
  });
});

describe('catalogue and flows', () => {
  it('puts every id in at least one flow step', () => {
    const inFlows = idsInFlows();
    expect(ALL_CHECK_IDS.filter((id) => !inFlows.has(id))).toEqual([]);
  });

  it('lists no unknown id in any step, and each id in at most one step per role', () => {
    for (const role of ROLES) {
      const seen = new Set<string>();
      for (const step of FLOWS[role]) {
        for (const id of step.checks) {
          expect(isCheckId(id), `${role}/${step.id} lists unknown ${id}`).toBe(true);
          expect(seen.has(id), `${role}: ${id} appears in more than one step`).toBe(false);
          seen.add(id);
        }
      }
    }
  });

  it('gives every check the role of each flow it appears in', () => {
    for (const role of Object.keys(FLOWS) as Role[]) {
      const runnable = new Set(definitionsForRole(role).map((d) => d.id));
      for (const step of FLOWS[role]) {
        for (const id of step.checks) {
          expect(definition(id).roles, `${id} is in the ${role} flow (${step.id})`).toContain(role);
          expect(runnable.has(id)).toBe(true);
        }
      }
    }
  });
});
