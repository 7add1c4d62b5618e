/** Stable ids of the written policy's sections (prompts/policy.*.md); citations and audit rows use them. */
export const POLICY_SECTIONS = {
  cancellation: 'P1 cancellation',
  returns: 'P2 returns',
  refunds: 'P3 refunds',
  exchanges: 'P4 exchanges',
  addressChange: 'P5 address-change',
  privacy: 'P6 privacy',
  humanSupport: 'P7 human-support',
  paymentChange: 'P8 payment-change',
  itemChange: 'P9 item-change',
  defaultAddress: 'P10 default-address',
} as const;
export type PolicySection = (typeof POLICY_SECTIONS)[keyof typeof POLICY_SECTIONS];

export interface BilingualText {
  en: string;
  zh: string;
}

/** A validator's verdict: allowed or not, under which policy section, and why in both languages. */
export interface PolicyDecision {
  allowed: boolean;
  section: PolicySection;
  /** Machine-readable reason, e.g. 'already_shipped', 'return_window_passed'. */
  code: string;
  reason: BilingualText;
}

export function allow(section: PolicySection, code: string, reason: BilingualText): PolicyDecision {
  return { allowed: true, section, code, reason };
}

export function deny(section: PolicySection, code: string, reason: BilingualText): PolicyDecision {
  return { allowed: false, section, code, reason };
}

/** How a decision is written to audit_log.policy_decision: 'allow:P1 cancellation:not_shipped'. */
export function decisionLabel(decision: PolicyDecision): string {
  return `${decision.allowed ? 'allow' : 'deny'}:${decision.section}:${decision.code}`;
}
