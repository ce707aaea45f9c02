import type { CheckImpl } from '../../engine/check.js';
import { probe } from './probe.js';
import { SIMPLEAUTH, SIMPLEAUTH_PATH } from './resources.js';
import { gateOutcome, noTargetOutcome, targetNote, wsusTarget } from './target.js';

export const httpSimpleAuth: CheckImpl = {
  id: 'http.simpleauth',
  async run(ctx) {
    const target = await wsusTarget(ctx);
    if (!target.ok) return noTargetOutcome(target);
    const gate = await gateOutcome(ctx, target, target.parsed.port);
    if (gate) return gate;
    return probe(ctx, target, {
      checkId: 'http.simpleauth',
      url: `${target.parsed.url}${SIMPLEAUTH_PATH}`,
      port: target.parsed.port,
      resource: SIMPLEAUTH,
      failStatus: 'fail',
      passNote: targetNote(target),
      failNote: targetNote(target),
    });
  },
};
