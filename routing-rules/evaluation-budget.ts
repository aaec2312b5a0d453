/** Raised inside an evaluation that ran past its time budget; evaluateRules turns it into the fallback decision. */
export class EvaluationBudgetExceeded extends Error {
  constructor(
    readonly elapsedMs: number,
    readonly budgetMs: number,
  ) {
    super(`rule evaluation took ${elapsedMs} ms, more than its budget of ${budgetMs} ms`);
    this.name = 'EvaluationBudgetExceeded';
  }
}

/**
 * The time one request's evaluation may take, checked before each rule and each regex run. Regexes are linear in
 * the text already (see regex-safety); this is the second line of defence, against many costly rules together.
 */
export class EvaluationBudget {
  private readonly start: number;

  constructor(
    private readonly budgetMs: number,
    private readonly clock: () => number,
  ) {
    this.start = clock();
  }

  check(): void {
    const elapsedMs = this.clock() - this.start;
    if (elapsedMs > this.budgetMs) throw new EvaluationBudgetExceeded(Math.round(elapsedMs * 1000) / 1000, this.budgetMs);
  }
}

/** Pure evaluations (tests, command line tools) that no time limit applies to. */
export const noBudget: Pick<EvaluationBudget, 'check'> = { check: () => undefined };
