// Remembers a pure function's answers for the inputs it saw last, up to a bound (then the memory
// starts over: cheap, and never grows). Hits repeat the same few values (one mail image proxy
// sends many opens, from the same addresses with the same user agent), so parsing and pattern
// matching are done once per value rather than once per hit.
export function boundedMemo<V>(limit: number, compute: (input: string) => V): (input: string) => V {
  const answers = new Map<string, V>();
  return (input) => {
    if (answers.has(input)) return answers.get(input) as V;
    const answer = compute(input);
    if (answers.size >= limit) answers.clear();
    answers.set(input, answer);
    return answer;
  };
}
