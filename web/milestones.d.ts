// TypeScript declarations for the milestone engine's JavaScript API (web/milestones.js).

/** Integer US cents, e.g. 50000 for $500.00. */
export type Cents = number;
/** Integer milliseconds since the Unix epoch, UTC (0 … 253402300799999). */
export type Timestamp = number;
/** A calendar date, `YYYY-MM-DD`. */
export type DateString = string;
/** A milestone id assigned by the engine: `m1`, `m2`, … never reused. */
export type MilestoneId = string;

/** Who acts: the client pays, the freelancer delivers, the system only advances time. */
export type Actor = "client" | "freelancer" | "system";
/** R2: fixed at creation; the last two lock the plan (R3). */
export type AccountType = "standard" | "enterprise" | "enterprise_compliance" | "wpp";
/**
 * A milestone's status; every status but `pending` means activated, except `closed`: still
 * pending when the contract ended, closed unfunded and in no total (R15′).
 */
export type MilestoneStatus = "pending" | "active" | "submitted" | "changes_requested" | "paid" | "closed";

/** Every error code of the protocol, plus `DISPOSED` for calls on a disposed contract. */
export type ErrorCode =
  | "INVALID_JSON"
  | "INVALID_COMMAND"
  | "CLOCK_BACKWARDS"
  | "NO_CONTRACT"
  | "CONTRACT_EXISTS"
  | "INVALID_AMOUNT"
  | "INVALID_DATE"
  | "INVALID_FIELD"
  | "LIMIT_EXCEEDED"
  | "NOT_PERMITTED"
  | "CONTRACT_ENDED"
  | "UNKNOWN_MILESTONE"
  | "CONTRACT_LOCKED"
  | "MILESTONE_LOCKED"
  | "ANOTHER_MILESTONE_ACTIVE"
  | "NOT_NEXT_MILESTONE"
  | "INVALID_STATE"
  | "REVIEW_WINDOW_CLOSED"
  | "OUTSIDE_CONTRACT_SCOPE"
  | "CONTRACT_INCOMPLETE"
  | "DUPLICATE_FEEDBACK"
  | "REFUND_TOO_LARGE"
  | "NO_OPEN_REQUEST"
  | "LOG_INVALID"
  | "DISPOSED";

// --- Commands ------------------------------------------------------------------------------

/** Fields every command carries. */
interface CommandBase<T extends string, A extends Actor> {
  /** The command type. */
  type: T;
  /** Who acts (R17). */
  actor: A;
  /** When it happens; never earlier than the contract's last accepted command (R18). */
  at: Timestamp;
}

/** A milestone as the client plans it. */
export interface MilestoneDraft {
  /** 1–200 characters after trimming; stored trimmed. */
  title: string;
  /** Up to 5,000 characters. */
  description?: string | null;
  /** 500 … 1,000,000,000 cents (R1). */
  amount: Cents;
  /** Not before the UTC day of the command; within `endDate` on compliance contracts (R13). */
  dueDate: DateString;
}

/** Creates the contract (the first command of every contract). */
export interface CreateContract extends CommandBase<"create_contract", "client"> {
  /** R22: send it as an offer (status `offered`) for the freelancer to accept or decline. */
  offer?: boolean | null;
  /**
   * R26: the client's Ed25519 public key (base64url, 43 characters; `SigningKey.publicKey`): the
   * contract is signed, and every event must carry its party's signature (`signPending`).
   */
  clientKey?: string | null;
  /** The contract to create. */
  contract: {
    /** The caller's id, 1–100 characters (default `"contract"`). */
    id?: string | null;
    /** 1–200 characters. */
    title: string;
    /** Fixed for the life of the contract. */
    accountType: AccountType;
    /** Only `"USD"` in v1. */
    currency?: "USD" | null;
    /** The client's display name, 1–100 characters. */
    client: string;
    /** The freelancer's display name, 1–100 characters. */
    freelancer: string;
    /** Required for `enterprise_compliance` (R13); stored but limiting nothing elsewhere. */
    endDate?: DateString | null;
    /** The plan; at least one for `enterprise_compliance` and `wpp` (R3); at most 1,000. */
    milestones: MilestoneDraft[];
  };
}
/** Appends a pending milestone (R4; not on locked plans). */
export interface AddMilestone extends CommandBase<"add_milestone", "client"> {
  /** The milestone to add. */
  milestone: MilestoneDraft;
}
/** Changes a pending milestone (R4). */
export interface EditMilestone extends CommandBase<"edit_milestone", "client"> {
  /** The milestone to change. */
  milestoneId: MilestoneId;
  /** At least one of the fields. */
  changes: {
    /** A new title, 1–200 characters. */
    title?: string | null;
    /** A new description, up to 5,000 characters. */
    description?: string | null;
    /** A new amount, 500 … 1,000,000,000 cents. */
    amount?: Cents | null;
  };
}
/** Deletes a pending milestone (R4). */
export interface DeleteMilestone extends CommandBase<"delete_milestone", "client"> {
  /** The milestone to delete. */
  milestoneId: MilestoneId;
}
/** Moves a pending milestone to another position among the pending ones (R5). */
export interface MoveMilestone extends CommandBase<"move_milestone", "client"> {
  /** The milestone to move. */
  milestoneId: MilestoneId;
  /** 0-based position in the whole list; never above an activated milestone. */
  toIndex: number;
}
/** Puts all pending milestones in a new order (R5). */
export interface ReorderMilestones extends CommandBase<"reorder_milestones", "client"> {
  /** Every pending milestone id, each once, in the new order. */
  order: MilestoneId[];
}
/** Funds the next milestone into escrow, from credit first (R6). */
export interface ActivateMilestone extends CommandBase<"activate_milestone", "client"> {
  /** The first pending milestone. */
  milestoneId: MilestoneId;
}
/**
 * A file delivered with a submission (R25): its bytes never enter the engine; its SHA-256 lets the
 * other party check that the file received is the one submitted.
 */
export interface Attachment {
  /** The file's name: trimmed, 1–255 characters on one line. */
  name: string;
  /** Its size in bytes, a whole number from 0 to 2^53 − 1. */
  size: number;
  /** Its SHA-256: exactly 64 lowercase hexadecimal digits. */
  sha256: string;
  /** Where to get it: `https://` and 1–2,040 characters with no white space or control character. */
  url?: string;
}
/** Submits work; opens a 14-day review window (R7). */
export interface SubmitWork extends CommandBase<"submit_work", "freelancer"> {
  /** The milestone worked on. */
  milestoneId: MilestoneId;
  /** What was delivered, 1–5,000 characters. */
  message: string;
  /**
   * The files delivered, at most 20 (R25); absent, null or empty: none. A problem is INVALID_FIELD
   * naming the attachment's field, e.g. `"attachments[3].sha256"` (`"attachments"` for the count).
   */
  attachments?: (Omit<Attachment, "url"> & { url?: string | null })[] | null;
}
/** Sends submitted work back inside its review window (R8). */
export interface RequestChanges extends CommandBase<"request_changes", "client"> {
  /** The submitted milestone. */
  milestoneId: MilestoneId;
  /** What to change, 1–5,000 characters. */
  message: string;
}
/** Approves and releases payment: less makes credit, more charges extra (R10). */
export interface ReleasePayment extends CommandBase<"release_payment", "client"> {
  /** The milestone holding escrow. */
  milestoneId: MilestoneId;
  /** 1 … 1,000,000,000 cents; defaults to the escrow. */
  amount?: Cents | null;
}
/** Proposes a new due date for a pending milestone (R12). */
export interface ProposeDueDate extends CommandBase<"propose_due_date", "client" | "freelancer"> {
  /** A pending milestone. */
  milestoneId: MilestoneId;
  /** The proposed date. */
  dueDate: DateString;
}
/** Answers the other party's due-date proposal (R12). */
export interface RespondDueDate extends CommandBase<"respond_due_date", "client" | "freelancer"> {
  /** The milestone with an open proposal. */
  milestoneId: MilestoneId;
  /** True to accept the proposed date. */
  accept: boolean;
}
/** Moves a compliance contract's end date later (R13). */
export interface ExtendContract extends CommandBase<"extend_contract", "client"> {
  /** After the current end date. */
  endDate: DateString;
}
/** Asks for money back on a paid milestone (R14). */
export interface RequestRefund extends CommandBase<"request_refund", "client"> {
  /** A paid milestone without an open request. */
  milestoneId: MilestoneId;
  /** 1 cent … released − refunded. */
  amount: Cents;
  /** Why, 1–5,000 characters. */
  reason: string;
}
/** Answers a refund request (R14). */
export interface RespondRefund extends CommandBase<"respond_refund", "freelancer"> {
  /** The milestone with an open request. */
  milestoneId: MilestoneId;
  /** True to refund. */
  accept: boolean;
  /** When accepting: at most the requested amount (the default). */
  amount?: Cents | null;
}
/**
 * Ends a contract when no milestone holds escrow and no refund is open; pending milestones close
 * unfunded, and remaining credit goes back (R15′).
 */
export interface EndContract extends CommandBase<"end_contract", "client"> {}
/** Feedback after the end, once per party (R16). */
export interface LeaveFeedback extends CommandBase<"leave_feedback", "client" | "freelancer"> {
  /** 1–5. */
  rating: number;
  /** Up to 5,000 characters; may be empty. */
  comment: string;
}
/** Only advances time, recording automatic releases that fell due (R9). */
export interface Tick extends CommandBase<"tick", "system"> {}
/** The freelancer accepts or declines an offer (R22). */
export interface RespondOffer extends CommandBase<"respond_offer", "freelancer"> {
  /** True to accept the offer (status `open`), false to decline it (`declined`). */
  accept: boolean;
}
/** The freelancer proposes a milestone, checked like `add_milestone`; it replaces an open one (R23). */
export interface ProposeMilestone extends CommandBase<"propose_milestone", "freelancer"> {
  /** The milestone proposed, with the same limits as `add_milestone`'s. */
  milestone: MilestoneDraft;
}
/** The client accepts (the milestone is added at the end, re-checked now) or declines (R23). */
export interface RespondMilestoneProposal extends CommandBase<"respond_milestone_proposal", "client"> {
  /** True to add the proposed milestone, false to decline it. */
  accept: boolean;
}
/** The freelancer withdraws its open milestone proposal before the client answers (R23′). */
export interface WithdrawMilestoneProposal extends CommandBase<"withdraw_milestone_proposal", "freelancer"> {}
/**
 * Either party posts a message on an offered, open or ended contract (R24); it moves no money and
 * changes no status. `allowed` lists it once, contract-wide.
 */
export interface PostMessage extends CommandBase<"post_message", "client" | "freelancer"> {
  /** The message: trimmed, then 1–5,000 characters, no control characters but tab and line breaks. */
  text: string;
  /** The milestone it is about, any the contract has (closed ones too); absent or null: the contract. */
  milestoneId?: MilestoneId | null;
}

/** Any command of the protocol. */
export type Command =
  | CreateContract
  | AddMilestone
  | EditMilestone
  | DeleteMilestone
  | MoveMilestone
  | ReorderMilestones
  | ActivateMilestone
  | SubmitWork
  | RequestChanges
  | ReleasePayment
  | ProposeDueDate
  | RespondDueDate
  | ExtendContract
  | RequestRefund
  | RespondRefund
  | EndContract
  | LeaveFeedback
  | Tick
  | RespondOffer
  | ProposeMilestone
  | RespondMilestoneProposal
  | WithdrawMilestoneProposal
  | PostMessage;

/** A command type name. */
export type CommandType = Command["type"];

// --- Events ------------------------------------------------------------------------------------

/** Fields every event carries. */
interface EventBase<T extends string> {
  /** 1, 2, 3 … in log order. */
  seq: number;
  /** When it took effect (an automatic release: its review deadline). */
  at: Timestamp;
  /** The event type. */
  type: T;
}
/** A milestone as recorded at creation. */
export interface MilestoneSpec {
  /** The engine's id. */
  id: MilestoneId;
  /** Trimmed title. */
  title: string;
  /** Description ("" when none). */
  description: string;
  /** Amount in cents. */
  amount: Cents;
  /** Due date. */
  dueDate: DateString;
}
/** A contract's own fields, as created (and as its state shows them). */
export interface ContractInfo {
  /** The caller's id (default `"contract"`). */
  id: string;
  /** Trimmed title. */
  title: string;
  /** The account type. */
  accountType: AccountType;
  /** Always USD in v1. */
  currency: "USD";
  /** The client's display name. */
  client: string;
  /** The freelancer's display name. */
  freelancer: string;
  /** The end date, if one was given (limits due dates on compliance contracts). */
  endDate: DateString | null;
}

/** Any event of the log. */
export type EngineEvent =
  | (EventBase<"contract_created"> & {
      /** The contract as created. */
      contract: ContractInfo;
      /** Its milestones, with ids. */
      milestones: MilestoneSpec[];
      /** Present (true) only for an offer (R22). */
      offer?: true;
      /** R26: the client's public key, on a signed contract only. */
      clientKey?: string;
    })
  | (EventBase<"milestone_added"> & { /** The new milestone. */ milestone: MilestoneSpec })
  | (EventBase<"milestone_edited"> & {
      /** The milestone changed. */
      milestoneId: MilestoneId;
      /** Only the fields that were sent. */
      changes: {
        /** The new title. */
        title?: string;
        /** The new description. */
        description?: string;
        /** The new amount. */
        amount?: Cents;
      };
    })
  | (EventBase<"milestone_deleted"> & { /** The milestone deleted. */ milestoneId: MilestoneId })
  | (EventBase<"milestone_moved"> & {
      /** The milestone moved (move_milestone). */
      milestoneId: MilestoneId;
      /** Its new place in the whole list, 0-based. */
      toIndex: number;
    })
  | (EventBase<"milestones_reordered"> & {
      /** Every pending id, in the new order (reorder_milestones; older logs record moves so). */
      order: MilestoneId[];
    })
  | (EventBase<"milestone_activated"> & {
      /** The milestone funded. */
      milestoneId: MilestoneId;
      /** Put into escrow. */
      amount: Cents;
      /** Taken from client credit. */
      fromCredit: Cents;
      /** Charged to the client. */
      charged: Cents;
    })
  | (EventBase<"work_submitted"> & {
      /** The milestone. */
      milestoneId: MilestoneId;
      /** The freelancer's message. */
      message: string;
      /** `at` + 14 days. */
      reviewDeadline: Timestamp;
      /** The files delivered (R25), names trimmed; absent when there were none. */
      attachments?: Attachment[];
    })
  | (EventBase<"changes_requested"> & { /** The milestone. */ milestoneId: MilestoneId; /** The client's message. */ message: string })
  | (EventBase<"payment_released"> & {
      /** The milestone. */
      milestoneId: MilestoneId;
      /** The escrow it was released from (absent in logs written before the engine recorded it). */
      escrow?: Cents;
      /** Released to the freelancer. */
      amount: Cents;
      /** Escrow left over, now client credit. */
      returned: Cents;
      /** Charged on top of the escrow. */
      extra: Cents;
      /** True for the automatic release at the review deadline (R9). */
      auto: boolean;
    })
  | (EventBase<"due_date_proposed" | "due_date_accepted" | "due_date_rejected"> & {
      /** The milestone. */
      milestoneId: MilestoneId;
      /** The proposed date. */
      dueDate: DateString;
      /** Who proposed, accepted or rejected. */
      by: "client" | "freelancer";
    })
  | (EventBase<"contract_extended"> & { /** The new end date. */ endDate: DateString })
  | (EventBase<"refund_requested"> & { /** The milestone. */ milestoneId: MilestoneId; /** Requested. */ amount: Cents; /** Why. */ reason: string })
  | (EventBase<"refund_accepted"> & { /** The milestone. */ milestoneId: MilestoneId; /** Refunded. */ amount: Cents })
  | (EventBase<"refund_declined"> & { /** The milestone. */ milestoneId: MilestoneId; /** What had been requested. */ amount: Cents })
  | (EventBase<"contract_ended"> & { /** Pending milestones closed unfunded (R15′); absent when none. */ closed?: MilestoneId[] })
  | EventBase<"offer_accepted">
  | EventBase<"offer_declined">
  | (EventBase<"milestone_proposed"> & { /** The proposed milestone, without an id yet. */ milestone: Omit<MilestoneSpec, "id"> })
  | (EventBase<"milestone_proposal_accepted"> & { /** The milestone added. */ milestone: MilestoneSpec })
  | EventBase<"milestone_proposal_declined">
  | EventBase<"milestone_proposal_withdrawn">
  | (EventBase<"message_posted"> & {
      /** Who posted it. */
      by: "client" | "freelancer";
      /** The message, trimmed. */
      text: string;
      /** The milestone it is about; absent for a message on the contract. */
      milestoneId?: MilestoneId;
    })
  | (EventBase<"credit_returned"> & { /** Credit given back to the client. */ amount: Cents })
  | (EventBase<"feedback_left"> & { /** Who left it. */ by: "client" | "freelancer"; /** 1–5. */ rating: number; /** The comment. */ comment: string });

/** An event type name. */
export type EventType = EngineEvent["type"];

// --- Results, state, log -----------------------------------------------------------------

/** Why the engine said no, in its own words. */
export interface EngineErrorInfo {
  /** The stable error code. */
  code: ErrorCode;
  /** One plain English sentence, naming the milestone by title where there is one. */
  message: string;
  /** The rule broken, e.g. `"R6"`. */
  rule?: string;
  /** The field at fault, e.g. `"amount"` or `"contract.milestones[2].dueDate"`. */
  field?: string;
  /** LOG_INVALID: 0-based index of the first impossible event. */
  index?: number;
  /**
   * The values the message uses, so a host can word the refusal in its own language: amounts in
   * cents and times in milliseconds (numbers), dates as `"YYYY-MM-DD"`, ids, titles, statuses and
   * account types as the state spells them; e.g. INVALID_AMOUNT `{min: 500, max: 1000000000,
   * amount: 400}`. The keys of each code are listed in core/PROTOCOL.md, "Refusal params". Always
   * present; empty when the message uses no value.
   */
  params: Record<string, number | string | null>;
  /**
   * For developers, where there is one: what the message leaves out, in technical words (INVALID_JSON:
   * the parser's account with the byte, e.g. `"invalid literal (at byte 2)"`; LOG_INVALID: what is
   * wrong in the log's own terms).
   */
  detail?: string;
}

/** The answer to `dispatch`. */
export type DispatchResult =
  | {
      /** Accepted. */
      ok: true;
      /**
       * The events appended, automatic releases first. Read from the engine the first time this
       * is read (then kept), so a caller that only looks at `ok` pays nothing for them; read
       * them before the contract is disposed.
       */
      readonly events: EngineEvent[];
    }
  | {
      /** Refused; nothing changed. */
      ok: false;
      /** Why. */
      error: EngineErrorInfo;
    };

/** A note with its time: a submission or a change request. */
export interface TimedMessage {
  /** The text. */
  message: string;
  /** When. */
  at: Timestamp;
}

/** Whose turn it is: who acts next, with which command, and by when where there is a deadline. */
export interface Turn {
  /** The party who acts next. */
  party: "client" | "freelancer";
  /** The command it takes. */
  action: CommandType;
  /** A review deadline (a time), a due date (a day), or null for no deadline. */
  by: Timestamp | DateString | null;
}

/** A milestone as it stands. */
export interface Milestone {
  /** The engine's id. */
  id: MilestoneId;
  /** Title. */
  title: string;
  /** Description. */
  description: string;
  /** Planned amount. */
  amount: Cents;
  /** Due date. */
  dueDate: DateString;
  /** Status. */
  status: MilestoneStatus;
  /** Activated: it keeps its place; only milestones that are not pinned can be moved (R5). */
  pinned: boolean;
  /** Paid into escrow, including extra released. */
  funded: Cents;
  /** Held now. */
  escrow: Cents;
  /** Released to the freelancer. */
  released: Cents;
  /** Returned to the client as credit. */
  returned: Cents;
  /** Refunded after release. */
  refunded: Cents;
  /** What a refund request may ask now (R14): released − refunded once paid, else 0. */
  refundable: Cents;
  /**
   * The due date while the milestone's work is still owed (pending, active, changes requested),
   * else null. Overdue is this date before the viewer's own calendar day.
   */
  deliveryDue: DateString | null;
  /** Who acts next on this milestone, with which command and by when; null for no one. */
  waitingOn: Turn | null;
  /** The latest submission, with the files it delivered (R25; absent when none). */
  submission: (TimedMessage & { attachments?: Attachment[] }) | null;
  /** Set only while submitted. */
  reviewDeadline: Timestamp | null;
  /** Change requests so far. */
  revisions: number;
  /** True when paid automatically (R9). */
  autoReleased: boolean;
  /** The latest change request. */
  changeRequest: TimedMessage | null;
  /** The open due-date proposal. */
  dueDateProposal: {
    /** The proposed date. */
    dueDate: DateString;
    /** Who proposed it; the other party answers. */
    by: "client" | "freelancer";
  } | null;
  /** The open refund request. */
  refundRequest: {
    /** Requested amount. */
    amount: Cents;
    /** Why. */
    reason: string;
    /** When it was requested. */
    at: Timestamp;
  } | null;
  /** How many messages name this milestone (R24); the texts are the log's `message_posted`. */
  messages: number;
}

/** Feedback left by one party. */
export interface Feedback {
  /** 1–5. */
  rating: number;
  /** The comment. */
  comment: string;
  /** When. */
  at: Timestamp;
}

/** The whole state of a contract. */
export interface ContractState {
  /** The contract itself. */
  contract: ContractInfo & {
    /** `offered` until the freelancer answers (R22); `ended` after `end_contract`. */
    status: "offered" | "open" | "declined" | "ended";
    /** The freelancer's open milestone proposal (R23), or null. */
    milestoneProposal: {
      /** The proposed title. */
      title: string;
      /** The proposed description ("" when none). */
      description: string;
      /** The proposed amount. */
      amount: Cents;
      /** The proposed due date. */
      dueDate: DateString;
      /** When it was proposed. */
      at: Timestamp;
    } | null;
    /** The plan is fixed (R3): milestones cannot be added, edited or deleted (false while an offer). */
    planLocked: boolean;
    /**
     * Who may change a locked plan by a new contract offer while the contract is open (R3): the
     * client; null on any other contract.
     */
    newOfferBy: "client" | null;
    /** How many messages were posted on the contract without naming a milestone (R24). */
    messages: number;
    /**
     * R26: the parties' public keys (base64url) on a signed contract, null on an unsigned one. The
     * freelancer's is null until its first signed event binds it.
     */
    keys: { client: string; freelancer: string | null } | null;
    /** Whose turn it is on the contract itself (an offer's answer, a milestone proposal's), or null. */
    waitingOn: Turn | null;
    /** When `create_contract` happened. */
    createdAt: Timestamp;
    /** When the contract ended. */
    endedAt: Timestamp | null;
  };
  /** Milestones in list order; activated ones first. */
  milestones: Milestone[];
  /** Sums, and the client's money: charged = released + escrow + credit + creditReturned. */
  totals: {
    /** Sum of the milestone amounts. */
    budget: Cents;
    /** Sum of `funded`. */
    funded: Cents;
    /** Sum of `escrow`. */
    escrow: Cents;
    /** Sum of `released`. */
    released: Cents;
    /** Sum of `returned`. */
    returned: Cents;
    /** Sum of `refunded`. */
    refunded: Cents;
    /** What the client has paid in: activations beyond credit, plus extra released. */
    charged: Cents;
    /** Unused client credit (R10), used first by the next activation. */
    credit: Cents;
    /** Credit given back when the contract ended (R15). */
    creditReturned: Cents;
    /** The client's net cost: charged − creditReturned − refunded. */
    netCost: Cents;
    /** The freelancer's net earnings: released − refunded. */
    netEarned: Cents;
    /** Released or in escrow beyond the budget, or 0 (a refund does not undo it). */
    overBudget: Cents;
  };
  /** Feedback left by each party. */
  feedback: {
    /** Left by the client. */
    client: Feedback | null;
    /** Left by the freelancer. */
    freelancer: Feedback | null;
  };
  /** Number of events. */
  seq: number;
  /** The contract's clock: the last accepted command's time. */
  lastAt: Timestamp;
}

/** A contract's event log, as kept, exported and restored. */
export interface Log {
  /** Always `"milestone-log"`. */
  format: "milestone-log";
  /** Always 1. */
  version: 1;
  /** Restores the clock. */
  lastAt: Timestamp;
  /**
   * Every event, in order. On a signed contract (R26) each event a party's command made ends with
   * `signature` (`EventSignature`); automatic releases carry none.
   */
  events: (EngineEvent & { signature?: EventSignature })[];
}

/** R26: an event's signature, as its last member in a signed log. */
export interface EventSignature {
  /** The party whose command made the event. */
  by: "client" | "freelancer";
  /** The freelancer's public key, on its first signed event only (it binds the key). */
  key?: string;
  /** The Ed25519 signature of the event's signed bytes (`ToSign.message`), base64url (86 characters). */
  sig: string;
}

/** R26: a key pair for signing a party's events; the private key stays non-extractable. */
export interface SigningKey {
  /** WebCrypto's Ed25519 private key (keep the CryptoKey itself, e.g. in IndexedDB). */
  privateKey: CryptoKey;
  /** The public key as the engine reads it: 32 bytes, unpadded base64url (43 characters). */
  publicKey: string;
}

/** R26: the next event waiting for its signature. */
export interface ToSign {
  /** Its index in the log (0 is the creation). */
  index: number;
  /** Who must sign it. */
  by: "client" | "freelancer";
  /** True for the freelancer's first signature: send its public key with it. */
  bindsKey: boolean;
  /**
   * The exact text the signature covers (sign its UTF-8 bytes): "milestone-log signed event v1",
   * the contract id, the hash of the entry before, and the event's text, one per line.
   */
  message: string;
}

/** R26: one signature a host checks before it keeps a log. */
export interface SignatureCheck {
  /** The event's index in the log. */
  index: number;
  /** The party that must have signed it. */
  by: "client" | "freelancer";
  /** That party's public key, as the log binds it. */
  key: string;
  /** The signature, base64url. */
  sig: string;
  /** The text it must cover (its UTF-8 bytes). */
  message: string;
}

/** One command the actor could have accepted. */
export interface AllowedCommand {
  /** The command type. */
  type: CommandType;
  /** The milestone it acts on, for milestone commands. */
  milestoneId?: MilestoneId;
}

/**
 * One command of the actor's role that the engine would refuse now, and why: what `blocked`
 * lists for each command the actor may issue that `allowed` does not list, on each milestone for
 * milestone commands and once for contract-wide ones.
 */
export interface BlockedCommand {
  /** The command type: one the actor may issue (never another party's, never `tick`). */
  type: CommandType;
  /** The milestone it would act on, for milestone commands. */
  milestoneId?: MilestoneId;
  /**
   * The refusal `dispatch` would give the command a person would send there (e.g.
   * `CONTRACT_INCOMPLETE` for `end_contract` while a milestone holds escrow), in the engine's
   * own words: the same code, message, rule and field.
   */
  error: EngineErrorInfo;
}

/** One message of the site banner config (R21). */
export interface BannerEntry {
  /** Empty means nothing to show. */
  message?: string;
  /** Default `"info"`. */
  icon?: string;
  /** ISO 8601 UTC; empty means open. */
  start?: string;
  /** ISO 8601 UTC, exclusive; empty means open. */
  end?: string;
}
/** The site banner config, in the shape of the source article. */
export interface BannerConfig {
  /** Shown when no responsive entry matches. */
  global?: BannerEntry;
  /** Targeted messages. */
  responsive?: Array<BannerEntry & { /** A country code or `"All"`. */ country?: string; /** A user type or `"all"`. */ usertype?: string }>;
}
/** Who is looking at the page (R21). */
export interface Viewer {
  /** Country code, e.g. `"US"`. */
  country: string;
  /** `"client"` or `"freelancer"`. */
  userType: string;
}
/** The banner to show. */
export interface Banner {
  /** The text. */
  message: string;
  /** The icon name. */
  icon: string;
}

// --- API -------------------------------------------------------------------------------------

/** An engine refusal thrown as an exception (by restore, allowed and banner). */
export class EngineError extends Error {
  /** An error carrying the engine's refusal: its message, code, rule, field, index, params and detail. */
  constructor(error: EngineErrorInfo);
  /** Always `"EngineError"`. */
  readonly name: "EngineError";
  /** The stable error code. */
  readonly code: ErrorCode;
  /** The rule broken, where one applies. */
  readonly rule?: string;
  /** The field at fault, where one applies. */
  readonly field?: string;
  /** LOG_INVALID: index of the first impossible event. */
  readonly index?: number;
  /** The values the message uses (EngineErrorInfo's `params`); `{}` when it uses none. */
  readonly params: Record<string, number | string | null>;
  /** For developers: the technical account, where there is one (EngineErrorInfo's `detail`). */
  readonly detail?: string;
}

/** Options of `loadEngine`. */
export interface LoadOptions {
  /** Where the `.wasm` lives (default: `dist/milestones-core.wasm` next to milestones.js). */
  wasmUrl?: string | URL;
  /** The `.wasm` bytes themselves (skips fetching). */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Emscripten's hook: maps a file name to its URL. */
  locateFile?: (path: string, prefix: string) => string;
  /**
   * The compiled module, or a promise of it: start `WebAssembly.compileStreaming(fetch(url))`
   * early, or share one module between engines. Takes precedence over the other options.
   */
  module?: WebAssembly.Module | PromiseLike<WebAssembly.Module>;
}

/** One contract and its log, inside the WebAssembly memory. */
export interface Contract {
  /**
   * Runs a command; refusals are results, not exceptions. Plain objects go to the engine without
   * JSON text; fields a command does not have are ignored, whatever they hold. Anything else
   * (a class instance, an object with `toJSON`, a number that is not a safe integer, a string
   * with a lone surrogate) goes as JSON text, with the same answers as the JSON protocol.
   */
  dispatch(command: Command): DispatchResult;
  /** Runs commands one after another: the same results as dispatching them one by one. */
  dispatchMany(commands: readonly Command[]): DispatchResult[];
  /**
   * A dry run: what `dispatch(command)` would answer now — the events it would record, or its
   * refusal — with nothing changed (not the log, not the clock).
   */
  preview(command: Command): DispatchResult;
  /**
   * The state, or null before `create_contract`. Frozen; a milestone that no event changed since
   * the last call is the same object as then (the engine sends only what changed), and the whole
   * state is the same object while neither the log nor the clock moved.
   */
  state(): Readonly<ContractState> | null;
  /** The log, or null before `create_contract`. */
  log(): Log | null;
  /**
   * The events after the first `from` (seq `from + 1` …), at most `count` of them: a slice of the
   * log without reading the rest (what a store appends after a command).
   */
  events(from?: number, count?: number): EngineEvent[];
  /** Exactly the commands `actor` could have accepted at `at`. */
  allowed(actor: Actor, at: Timestamp): AllowedCommand[];
  /**
   * Why not: each command of `actor`'s role that `allowed(actor, at)` does not list, per milestone
   * for milestone commands and once for contract-wide ones, with the refusal the engine would give
   * (the JSON query `allowed` with `"reasons": true`, its `blocked`). A method of its own rather
   * than an option of `allowed`: `allowed` keeps one return type and its cost (it is on every
   * redraw), while a page asks why only when it shows it, and this answer is bigger (one refusal
   * per command and milestone). Before the contract's clock every entry is `CLOCK_BACKWARDS`.
   * `site` narrows the answer to what a page shows: `"contract"` for the contract-wide commands
   * only, a milestone id for that milestone's only.
   * Throws EngineError on bad input (an unknown milestone: UNKNOWN_MILESTONE).
   */
  blocked(actor: Actor, at: Timestamp, site?: "contract" | MilestoneId): BlockedCommand[];
  /**
   * Every problem the engine finds in `command` now, with nothing applied: empty exactly when
   * `dispatch` would accept it, and the refusal `dispatch` would give is one of them. Each field
   * check runs, so a form can show all its problems at once, each at its `field` (the JSON query
   * `check`). `at` is the time of a command that names none. Throws EngineError when `command`
   * is not an object.
   */
  check(command: Command | Omit<Command, "at">, at?: Timestamp): EngineErrorInfo[];
  /**
   * The same answer grouped by milestone, read without JSON: milestone id (`""` for contract-wide
   * commands) → the set of command types. What a board needs to draw its buttons. A group that
   * is the same as in the last answer for this actor is the same Set object, so `===` tells a
   * renderer what changed; read it, do not change it.
   */
  allowedByMilestone(actor: Actor, at: Timestamp): ReadonlyMap<MilestoneId | "", ReadonlySet<AllowedCommand["type"]>>;
  /**
   * The statement of account, or null before `create_contract`: the figures per milestone and
   * the totals from the engine, and `text`, the same statement in plain text (what
   * `scripts/statement` prints from the native build).
   */
  statement(): Statement | null;
  /**
   * The contract as it stood right after event `k` of its log (1 to the log's length), its clock
   * at that event's time. Throws EngineError (`INVALID_FIELD`, field `after`) for a `k` that is
   * not an event of the log.
   */
  stateAfter(k: number): ContractState;
  /** `allowedByMilestone(actor, …)` as it stood right after event `k`, at that event's time. */
  allowedAfter(k: number, actor: Actor): Map<MilestoneId | "", Set<AllowedCommand["type"]>>;
  /** R26: the next event waiting for its signature (events are signed in order), or null. */
  toSign(): ToSign | null;
  /**
   * R26: attaches the signature of event `index`, the next to sign; `key` (the public key) with the
   * freelancer's first. Returns the next to sign. Throws EngineError (`INVALID_FIELD`, field
   * `index`, `sig` or `key`; `INVALID_STATE` on an unsigned contract).
   */
  addSignature(index: number, sig: string, key?: string): ToSign | null;
  /**
   * R26: signs, in order, every event waiting for a signature whose signer has a key in `keys`
   * (WebCrypto), and resolves to how many it signed; it stops at the first event of a party
   * without one (`toSign()` then names it). Calls run one after another. Until it resolves, the
   * log (`log()`, `events()`) has those events unsigned: store or share it after.
   */
  signPending(keys: { client?: SigningKey; freelancer?: SigningKey }): Promise<number>;
  /** Frees the WebAssembly memory; later calls throw EngineError `DISPOSED`. */
  dispose(): void;
  /** True once disposed. */
  readonly disposed: boolean;
}

/** One milestone of a statement; money in cents, times in ms since the epoch (UTC). */
export interface StatementLine {
  /** The engine's id. */
  id: MilestoneId;
  /** Title. */
  title: string;
  /** Planned amount. */
  amount: Cents;
  /** Due date. */
  dueDate: DateString;
  /** Status. */
  status: MilestoneStatus;
  /** True when paid automatically (R9). */
  autoReleased: boolean;
  /** funded = fromCredit + charged; charged includes `extra`. */
  funded: Cents;
  /** Taken from the client's credit. */
  fromCredit: Cents;
  /** Charged to the client, `extra` included. */
  charged: Cents;
  /** Charged on top of the escrow by releases of more than it. */
  extra: Cents;
  /** Released to the freelancer. */
  released: Cents;
  /** Left in escrow by a partial release, and become the client's credit. */
  returned: Cents;
  /** Held now. */
  escrow: Cents;
  /** Refunded after release. */
  refunded: Cents;
  /** What a refund request may ask now (R14): released − refunded once paid, else 0. */
  refundable: Cents;
  /**
   * The due date while the milestone's work is still owed (pending, active, changes requested),
   * else null. Overdue is this date before the viewer's own calendar day.
   */
  deliveryDue: DateString | null;
  /** Who acts next on this milestone, with which command and by when; null for no one. */
  waitingOn: Turn | null;
  /** When it was activated, or null. */
  activatedAt: Timestamp | null;
  /** When work was last submitted, or null. */
  submittedAt: Timestamp | null;
  /** When it was paid, or null. */
  paidAt: Timestamp | null;
  /** When the last refund was accepted, or null. */
  refundedAt: Timestamp | null;
}

/** A contract's statement of account (`Contract.statement()`). */
export interface Statement {
  /** The contract's own fields and where it stands. */
  contract: ContractInfo & Pick<ContractState["contract"], "status" | "createdAt" | "endedAt">;
  /** The contract's clock: the statement stands at this time, after `events` events. */
  asOf: Timestamp;
  /** How many events the log holds. */
  events: number;
  /** One line per milestone, in list order. */
  milestones: StatementLine[];
  /** The same sums as the state's. */
  totals: ContractState["totals"];
  /** The same statement in plain text. */
  text: string;
}

/** The loaded engine. */
/** An account type and what the rules decide of it. */
export interface AccountTypeInfo {
  /** The account type, as `contract.accountType` spells it. */
  readonly id: AccountType;
  /** R3: once the contract is open, milestones cannot be added, edited or deleted. */
  readonly locksPlan: boolean;
  /** R13: `create_contract` needs an `endDate`, and every due date must fall on or before it. */
  readonly needsEndDate: boolean;
}

export interface Engine {
  /** A new, empty contract; its first command must be `create_contract`. */
  createContract(): Contract;
  /**
   * A contract replayed from a log, or from its JSON text as stored (read by the engine as it is,
   * with no parse in JavaScript); throws EngineError `LOG_INVALID` (with `index`), or
   * `INVALID_JSON` for text that is not JSON.
   */
  restore(log: Log | string): Contract;
  /**
   * R26: `restore` after every signature of the log is checked with WebCrypto (all at once):
   * the first problem, of the rules or of a signature, rejects with EngineError `LOG_INVALID`
   * (`index`; `params.party` and `params.problem`: `missing`, `party`, `key`, `unexpected` or
   * `broken`). For a log from elsewhere (a link, a file); `restore` trusts the signatures of this
   * browser's own storage. Rejects with the browser's `NotSupportedError` where WebCrypto has no
   * Ed25519. An unsigned log restores as with `restore`.
   */
  restoreVerified(log: Log | string): Promise<Contract>;
  /**
   * R26: a log's keys (null when unsigned) and the checks `restoreVerified` runs, without
   * restoring it. Throws EngineError when the text is not a log.
   */
  signatures(log: Log | string): { keys: { client: string; freelancer: string | null } | null; checks: SignatureCheck[] };
  /** The banner for a viewer at a time, or null; throws EngineError `INVALID_FIELD` for a bad config. */
  banner(config: BannerConfig, viewer: Viewer, at: Timestamp): Banner | null;
  /**
   * The account types (R2) in RULES.md's order, with what the engine decides of each (the
   * `{"query":"account_types"}` answer): a form can say which plans lock before a contract exists.
   */
  accountTypes(): readonly AccountTypeInfo[];
  /** Bytes in use by malloc and the size of the WebAssembly memory. */
  memoryStats(): { inUse: number; heapSize: number };
  /** Disposes every contract still open. */
  dispose(): void;
}

/** Loads and instantiates the engine (streaming in browsers, from disk in Node.js). */
export function loadEngine(options?: LoadOptions): Promise<Engine>;

/** R26: a new Ed25519 key pair from WebCrypto; the private key is not extractable. */
export function generateSigningKey(): Promise<SigningKey>;
/** R26: a public key's short fingerprint: the first 8 bytes of its SHA-256, as "3f9a 0c12 77be 41d0". */
export function keyFingerprint(publicKey: string): Promise<string>;
/** R26: whether WebCrypto here signs and checks Ed25519 (it generates a throwaway key). */
export function signingSupported(): Promise<boolean>;
