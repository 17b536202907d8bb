// The compact Decision batch writes by default: the verdict and its grounds by id, without the
// texts, flips and per-answer sources a person reading one decision wants. Written by hand from
// pre-quoted ids, for batch's throughput; a test holds it to JSON.stringify byte for byte.
import { closestContainer } from '../engine/decide.js';
import type { Evaluation } from '../engine/evaluate.js';
import type { Flip } from '../schema.js';

/**
 * schemaVersion, recommendation, closest (vm only), confidence, scores, the ids of reasons,
 * caveats and unanswered questions, and the flips when asked for (docs/batch.md).
 */
export function compactJson(r: Evaluation, flips?: readonly Flip[]): string {
  const closest = r.recommendation === 'vm' ? `"closest":"${closestContainer(r)}",` : '';
  // Confidence has two decimals: its text comes from a table rather than a float conversion.
  const hundredths = Math.round(r.confidence.value * 100);
  const value =
    hundredths >= 0 && hundredths <= 100 ? CONFIDENCE_TEXT[hundredths] : String(r.confidence.value);
  return (
    `{"schemaVersion":1,"recommendation":"${r.recommendation}",${closest}"confidence":{"level":"${r.confidence.level}","value":${value}${r.confidence.tie ? ',"tie":true' : ''}},` +
    `"scores":{"os":${r.os},"app":${r.app}},"reasons":[${quotedIds(r.reasons)}],"caveats":[${quotedIds(r.caveats)}],"unanswered":[${quotedIds(r.unanswered)}]${flips ? `,"flips":${JSON.stringify(flips)}` : ''}}`
  );
}

/** String(i / 100) for i in 0..100: the same text JSON.stringify gives a confidence value. */
const CONFIDENCE_TEXT = Array.from({ length: 101 }, (_, i) => String(i / 100));

function quotedIds(items: readonly { quotedId: string }[]): string {
  let out = '';
  for (let i = 0; i < items.length; i++)
    out = i === 0 ? items[i]!.quotedId : `${out},${items[i]!.quotedId}`;
  return out;
}
