// FSRS (Free Spaced Repetition Scheduler) v6, written for competency-hub as a line-by-line port of
// `Scheduler.review_card` in py-fsrs 6 (the reference implementation by Open Spaced Repetition, MIT),
// with the same default parameters. The tests run both on the same rating sequences and compare
// every stability, difficulty and due date.
//
// Differences, on purpose: times are milliseconds since the epoch (UTC), and the random "fuzz"
// that spreads long intervals comes from a function the caller passes (`fuzz`), by default a hash of
// the card and the review time, so that replaying the same reviews always gives the same schedule.

export const DEFAULT_PARAMETERS = Object.freeze([
  0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835,
  0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
]);

export const Rating = Object.freeze({ Again: 1, Hard: 2, Good: 3, Easy: 4 });
export const State = Object.freeze({ Learning: 1, Review: 2, Relearning: 3 });

const MINUTE = 60 * 1000;
export const DAY = 24 * 60 * MINUTE;
const STABILITY_MIN = 0.001;
const MIN_DIFFICULTY = 1;
const MAX_DIFFICULTY = 10;
const FUZZ_RANGES = [
  { start: 2.5, end: 7.0, factor: 0.15 },
  { start: 7.0, end: 20.0, factor: 0.1 },
  { start: 20.0, end: Infinity, factor: 0.05 },
];

/** py-fsrs's Scheduler defaults: learning steps of 1 and 10 minutes, relearning 10 minutes. */
export const PY_FSRS_DEFAULTS = Object.freeze({
  parameters: DEFAULT_PARAMETERS,
  desiredRetention: 0.9,
  learningSteps: [1 * MINUTE, 10 * MINUTE],
  relearningSteps: [10 * MINUTE],
  maximumInterval: 36500,
  enableFuzzing: true,
});

/** The hub's scheduler: the same model, without same-day steps, since prompts are reviewed once a day. */
export const HUB_SCHEDULER = Object.freeze({ ...PY_FSRS_DEFAULTS, learningSteps: [], relearningSteps: [] });

// Python's round(): halves go to the even neighbour (2.5 -> 2), where Math.round goes up.
export function pyRound(x) {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** A number in [0, 1) from a string: FNV-1a (32 bit) over its UTF-16 code units. */
export function hashUnit(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 4294967296;
}

export function newCard(due) {
  return { state: State.Learning, step: 0, stability: null, difficulty: null, due, lastReview: null };
}

export class Scheduler {
  constructor(options = {}) {
    const o = { ...PY_FSRS_DEFAULTS, ...options };
    this.w = [...o.parameters];
    this.desiredRetention = o.desiredRetention;
    this.learningSteps = [...o.learningSteps];
    this.relearningSteps = [...o.relearningSteps];
    this.maximumInterval = o.maximumInterval;
    this.enableFuzzing = o.enableFuzzing;
    this.decay = -this.w[20];
    this.factor = 0.9 ** (1 / this.decay) - 1;
  }

  retrievability(card, at) {
    if (card.lastReview === null || card.stability === null) return 0;
    const elapsedDays = Math.max(0, Math.floor((at - card.lastReview) / DAY));
    return (1 + (this.factor * elapsedDays) / card.stability) ** this.decay;
  }

  /**
   * The card after one review: a new object, the given card is not changed.
   * `fuzz` returns a number in [0, 1) and is called only when an interval is fuzzed.
   */
  review(card, rating, at, fuzz = Math.random) {
    if (![1, 2, 3, 4].includes(rating)) throw new RangeError(`unknown rating ${rating}`);
    const next = { ...card };
    const daysSince = card.lastReview === null ? null : Math.floor((at - card.lastReview) / DAY);
    let interval; // milliseconds

    if (next.state === State.Learning) {
      if (next.stability === null || next.difficulty === null) {
        next.stability = this.initialStability(rating);
        next.difficulty = this.clampDifficulty(this.initialDifficulty(rating));
      } else {
        this.updateMemory(next, card, rating, at, daysSince);
      }
      interval = this.stepInterval(next, this.learningSteps, rating);
    } else if (next.state === State.Review) {
      this.updateMemory(next, card, rating, at, daysSince);
      if (rating === Rating.Again && this.relearningSteps.length > 0) {
        next.state = State.Relearning;
        next.step = 0;
        interval = this.relearningSteps[0];
      } else {
        interval = this.nextInterval(next.stability) * DAY;
      }
    } else if (next.state === State.Relearning) {
      this.updateMemory(next, card, rating, at, daysSince);
      interval = this.stepInterval(next, this.relearningSteps, rating);
    } else {
      throw new RangeError(`unknown card state ${next.state}`);
    }

    if (this.enableFuzzing && next.state === State.Review) interval = this.fuzzedInterval(interval, fuzz);
    next.due = at + interval;
    next.lastReview = at;
    return next;
  }

  /** Stability and difficulty after a review of a card that already has them, as py-fsrs computes them. */
  updateMemory(next, card, rating, at, daysSince) {
    if (daysSince !== null && daysSince < 1) {
      next.stability = this.shortTermStability(next.stability, rating);
    } else {
      next.stability = this.nextStability(next.difficulty, next.stability, this.retrievability(card, at), rating);
    }
    next.difficulty = this.nextDifficulty(next.difficulty, rating);
  }

  /**
   * Moves `next` along its (re)learning `steps` and returns the interval in milliseconds; the
   * same rules for Learning and Relearning, as py-fsrs applies them. Leaving the steps makes the
   * card a Review card due after its stability's interval.
   */
  stepInterval(next, steps, rating) {
    const graduate = () => {
      next.state = State.Review;
      next.step = null;
      return this.nextInterval(next.stability) * DAY;
    };
    if (steps.length === 0 || (next.step >= steps.length && rating !== Rating.Again)) return graduate();
    if (rating === Rating.Again) {
      next.step = 0;
      return steps[0];
    }
    if (rating === Rating.Hard) {
      if (next.step === 0 && steps.length === 1) return steps[0] * 1.5;
      if (next.step === 0 && steps.length >= 2) return (steps[0] + steps[1]) / 2;
      return steps[next.step];
    }
    if (rating === Rating.Good && next.step + 1 < steps.length) {
      next.step += 1;
      return steps[next.step];
    }
    return graduate();
  }

  clampDifficulty(d) {
    return Math.min(Math.max(d, MIN_DIFFICULTY), MAX_DIFFICULTY);
  }

  initialStability(rating) {
    return Math.max(this.w[rating - 1], STABILITY_MIN);
  }

  initialDifficulty(rating) {
    return this.w[4] - Math.E ** (this.w[5] * (rating - 1)) + 1;
  }

  nextInterval(stability) {
    const raw = (stability / this.factor) * (this.desiredRetention ** (1 / this.decay) - 1);
    return Math.min(Math.max(pyRound(raw), 1), this.maximumInterval);
  }

  shortTermStability(stability, rating) {
    let increase = Math.E ** (this.w[17] * (rating - 3 + this.w[18])) * stability ** -this.w[19];
    if (rating !== Rating.Again) increase = Math.max(increase, 1.0);
    return Math.max(stability * increase, STABILITY_MIN);
  }

  nextDifficulty(difficulty, rating) {
    const delta = -(this.w[6] * (rating - 3));
    const damped = difficulty + ((10.0 - difficulty) * delta) / 9.0;
    const reverted = this.w[7] * this.initialDifficulty(Rating.Easy) + (1 - this.w[7]) * damped;
    return this.clampDifficulty(reverted);
  }

  nextStability(difficulty, stability, retrievability, rating) {
    const next =
      rating === Rating.Again
        ? this.nextForgetStability(difficulty, stability, retrievability)
        : this.nextRecallStability(difficulty, stability, retrievability, rating);
    return Math.max(next, STABILITY_MIN);
  }

  nextForgetStability(difficulty, stability, retrievability) {
    const w = this.w;
    const longTerm =
      w[11] * difficulty ** -w[12] * ((stability + 1) ** w[13] - 1) * Math.E ** ((1 - retrievability) * w[14]);
    const shortTerm = stability / Math.E ** (w[17] * w[18]);
    return Math.min(longTerm, shortTerm);
  }

  nextRecallStability(difficulty, stability, retrievability, rating) {
    const w = this.w;
    const hardPenalty = rating === Rating.Hard ? w[15] : 1;
    const easyBonus = rating === Rating.Easy ? w[16] : 1;
    return (
      stability *
      (1 +
        Math.E ** w[8] *
          (11 - difficulty) *
          stability ** -w[9] *
          (Math.E ** ((1 - retrievability) * w[10]) - 1) *
          hardPenalty *
          easyBonus)
    );
  }

  fuzzedInterval(interval, fuzz) {
    const intervalDays = Math.floor(interval / DAY);
    if (intervalDays < 2.5) return interval;
    let delta = 1.0;
    for (const range of FUZZ_RANGES) {
      delta += range.factor * Math.max(Math.min(intervalDays, range.end) - range.start, 0.0);
    }
    let minIvl = pyRound(intervalDays - delta);
    let maxIvl = pyRound(intervalDays + delta);
    minIvl = Math.max(2, minIvl);
    maxIvl = Math.min(maxIvl, this.maximumInterval);
    minIvl = Math.min(minIvl, maxIvl);
    const fuzzed = fuzz() * (maxIvl - minIvl + 1) + minIvl;
    return Math.min(pyRound(fuzzed), this.maximumInterval) * DAY;
  }
}

/**
 * The card that follows from a start time and a list of reviews ({at, rating}), oldest first.
 * The first review is due one day after `since`. Fuzz is drawn from `key` and each review's time,
 * so the same history always gives the same card (what makes merging two histories safe).
 */
export function replay(scheduler, key, since, reviews) {
  let card = newCard(since + DAY);
  for (const review of reviews) {
    card = scheduler.review(card, review.rating, review.at, () => hashUnit(`${key}|${review.at}`));
  }
  return card;
}
