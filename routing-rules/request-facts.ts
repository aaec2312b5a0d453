import type { EvaluationBudget } from './evaluation-budget';
import { foldForKeywords, KeywordIndex, KeywordSource, TextPart } from './keyword-index';
import { MAX_REGEX_INPUT_LENGTH, type LinearRegex } from './regex-safety';
import type { RoutingInput } from './routing-input';
import { isWithinWorkingHours, type CompiledWorkingSchedule } from './working-schedule';
import { LocalDateTime, toLocalDateTime } from './zoned-time';

/**
 * The views of one request that conditions read, each computed on first use and then shared by every rule:
 * folding a long text or reading a time zone once per request, not once per rule, is what keeps
 * evaluation fast.
 */
export class RequestFacts implements KeywordSource {
  private subjectHits?: Uint8Array;
  private textHits?: Uint8Array;
  private foldedSubject?: string;
  private foldedText?: string;
  private readonly regexResults: (boolean | undefined)[] = [];
  private regexTextCache?: string;
  private regexBothCache?: string;
  private localReceivedAtCache?: LocalDateTime;
  private withinOfficeHoursCache?: boolean;
  private senderDomainCache?: string | null;
  private senderEmailCache?: string | null;
  private extensionsCache?: readonly string[];
  private contentTypesCache?: readonly string[];

  constructor(
    readonly input: RoutingInput,
    private readonly schedule: CompiledWorkingSchedule,
    private readonly keywords: KeywordIndex,
    private readonly budget: Pick<EvaluationBudget, 'check'>,
  ) {}

  keywordHits(part: TextPart): Uint8Array {
    return part === 'subject'
      ? (this.subjectHits ??= this.keywords.scan(this.input.subject))
      : (this.textHits ??= this.keywords.scan(this.input.text));
  }

  foldedPart(part: TextPart): string {
    return part === 'subject'
      ? (this.foldedSubject ??= foldForKeywords(this.input.subject))
      : (this.foldedText ??= foldForKeywords(this.input.text));
  }

  /**
   * Rules often share a pattern: each distinct one (numbered at compile time) runs once per request, and only while
   * the evaluation is within its time budget.
   */
  regexMatches(regexId: number, regex: LinearRegex, read: (facts: RequestFacts) => string): boolean {
    let matched = this.regexResults[regexId];
    if (matched === undefined) {
      this.budget.check();
      matched = this.regexResults[regexId] = regex.test(read(this));
    }
    return matched;
  }

  get regexSubject(): string {
    return this.input.subject.slice(0, MAX_REGEX_INPUT_LENGTH);
  }

  get regexText(): string {
    return (this.regexTextCache ??= this.input.text.slice(0, MAX_REGEX_INPUT_LENGTH));
  }

  get regexSubjectOrText(): string {
    return (this.regexBothCache ??= `${this.regexSubject}\n${this.regexText}`);
  }

  get localReceivedAt(): LocalDateTime {
    return (this.localReceivedAtCache ??= toLocalDateTime(this.input.receivedAt, this.schedule.timeZone));
  }

  get withinOfficeHours(): boolean {
    return (this.withinOfficeHoursCache ??= isWithinWorkingHours(this.input.receivedAt, this.schedule));
  }

  get senderEmail(): string | null {
    if (this.senderEmailCache === undefined) this.senderEmailCache = this.input.sender.email?.trim().toLowerCase() || null;
    return this.senderEmailCache;
  }

  get senderDomain(): string | null {
    if (this.senderDomainCache === undefined) {
      const domain = this.input.sender.domain ?? this.senderEmail?.split('@')[1];
      this.senderDomainCache = domain?.trim().toLowerCase().replace(/\.$/, '') || null;
    }
    return this.senderDomainCache;
  }

  get attachmentExtensions(): readonly string[] {
    return (this.extensionsCache ??= this.input.attachments.map(({ filename }) => {
      const dot = filename.lastIndexOf('.');
      return dot < 0 ? '' : filename.slice(dot + 1).toLowerCase();
    }));
  }

  get attachmentContentTypes(): readonly string[] {
    return (this.contentTypesCache ??= this.input.attachments.map(({ contentType }) => contentType.split(';')[0].trim().toLowerCase()));
  }
}
