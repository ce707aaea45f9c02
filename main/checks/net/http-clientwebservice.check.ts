import type { CheckImpl } from '../../engine/check.js';
import { probe } from './probe.js';
import { CLIENTWEBSERVICE, CLIENTWEBSERVICE_PATH } from './resources.js';
import { gateOutcome, noTargetOutcome, targetNote, wsusTarget } from './target.js';

export const httpClientWebService: CheckImpl = {
  id: 'http.clientwebservice',
  async run(ctx) {
    const target = await wsusTarget(ctx);
    if (!target.ok) return noTargetOutcome(target);
    const gate = await gateOutcome(ctx, target, target.parsed.port);
    if (gate) return gate;
    return probe(ctx, target, {
      checkId: 'http.clientwebservice',
      url: `${target.parsed.url}${CLIENTWEBSERVICE_PATH}`,
      port: target.parsed.port,
      resource: CLIENTWEBSERVICE,
      failStatus: 'fail',
      passNote: targetNote(target),
      failNote: targetNote(target),
    });
  },
};
