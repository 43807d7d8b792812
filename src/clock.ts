/** The one source of "now". Tests pass their own to move time without sleeping. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
