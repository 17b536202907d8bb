// A condition as a person reads it: `processes = few and (login = yes or vmLike = yes)`.
import type { Condition } from '../schema.js';

export function describeCondition(condition: Condition, nested = false): string {
  if ('all' in condition)
    return group(
      condition.all.map((c) => describeCondition(c, true)).join(' and '),
      nested && condition.all.length > 1,
    );
  if ('any' in condition)
    return group(
      condition.any.map((c) => describeCondition(c, true)).join(' or '),
      nested && condition.any.length > 1,
    );
  if ('not' in condition) return `not ${describeCondition(condition.not, true)}`;
  if ('equals' in condition) return `${condition.question} = ${condition.equals}`;
  if ('in' in condition) return `${condition.question} in (${condition.in.join(', ')})`;
  return `${condition.question} not in (${condition.notIn.join(', ')})`;
}

function group(text: string, parenthesise: boolean): string {
  return parenthesise ? `(${text})` : text;
}
