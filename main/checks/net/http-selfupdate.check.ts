import type { CheckImpl } from '../../engine/check.js';
import { probe } from './probe.js';
import { SELFUPDATE, SELFUPDATE_PATH } from './resources.js';
import { gateOutcome, noTargetOutcome, targetNote, wsusTarget } from './target.js';

export const httpSelfUpdate: CheckImpl = {
  id: 'http.selfupdate',
  async run(ctx) {
    const target = await wsusTarget(ctx);
    if (!target.ok) return noTargetOutcome(target);
    const gate = await gateOutcome(ctx, target, target.parsed.port);
    if (gate) return gate;
    return probe(ctx, target, {
      checkId: 'http.selfupdate',
      url: `${target.parsed.url}${SELFUPDATE_PATH}`,
      port: target.parsed.port,
      resource: SELFUPDATE,
      failStatus: 'fail',
      passNote: targetNote(target),
      failNote: targetNote(target),
    });
  },
};
