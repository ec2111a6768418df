// Ids a what-if run generates, matched to the recorded ones positionally:
// the first id seen in a decided event's field is bound to the recorded id in
// the same field of the recorded event. A binding never changes afterwards,
// so a decision that refers to the wrong task or action still shows up.
export class IdMap {
  private readonly toRecorded = new Map<string, string>();
  private readonly toDecided = new Map<string, string>();

  /** Binds when both ids are new; true when the pair is (now) consistent. */
  bind(decided: string, recorded: string): boolean {
    const known = this.toRecorded.get(decided);
    if (known !== undefined) return known === recorded;
    if (this.toDecided.has(recorded)) return false;
    this.toRecorded.set(decided, recorded);
    this.toDecided.set(recorded, decided);
    return true;
  }

  decidedIdOf(recorded: string): string | undefined {
    return this.toDecided.get(recorded);
  }

  /** Writes the recorded ids into free text (state_info messages may quote ids). */
  translate(text: string): string {
    let out = text;
    for (const [decided, recorded] of this.toRecorded) {
      if (decided !== recorded && out.includes(decided)) out = out.split(decided).join(recorded);
    }
    return out;
  }
}
