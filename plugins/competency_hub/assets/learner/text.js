// Words for people: durations and counts, as the generated pages write them.

/** '20 min', '1 h', '2 h 15 min' (the same as the pages' `minutes` filter). */
export function minutes(total) {
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (!hours) return `${rest} min`;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/** '1 challenge', '3 challenges'. */
export function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}
