/**
 * The one policy check: can(actor, action, resource). Capabilities register rules per action;
 * an action is allowed when any of its rules allows it. An action without rules is a programming
 * error and throws, so a typo can never silently open or close a door.
 */
export const roles = ['resident', 'professional', 'official', 'council_member', 'moderator', 'administrator'] as const;
export type Role = (typeof roles)[number];
export const scopeTypes = ['installation', 'municipality', 'area', 'organisation'] as const;
export type ScopeType = (typeof scopeTypes)[number];

export interface Grant {
  role: Role;
  scopeType: ScopeType;
  /** Municipality id, area code or organisation id; empty for the installation. */
  scopeId: string;
  municipalityId: string | null;
}

export interface ActorMembership {
  organisationId: string;
  municipalityId: string;
  duty: string;
}

export type Actor =
  | { kind: 'anonymous' }
  | {
    kind: 'person'; personId: string; displayName: string; emailVerified: boolean; grants: Grant[]; memberships: ActorMembership[];
    /** The session was confirmed with a second factor (TOTP, a recovery code, or an identity provider trusted for it). */
    strongAuth: boolean;
  }
  /** The command line, run by whoever operates the installation: acts as installation administrator. */
  | { kind: 'system' };

export const anonymous: Actor = { kind: 'anonymous' };
export const system: Actor = { kind: 'system' };

export interface Resource {
  type: string;
  municipalityId?: string | null;
  /** Codes of the area and all its ancestors (for area-scoped grants). */
  areaPath?: string[];
  /** Id of the organisation and its parents (for organisation-scoped grants and memberships). */
  organisationPath?: string[];
  /** A person the resource belongs to (their own account, their own submission). */
  ownerId?: string | null;
  [extra: string]: unknown;
}

export type Rule = (actor: Actor, resource: Resource) => boolean;

export class PolicyEngine {
  private readonly rules = new Map<string, Rule[]>();

  register(action: string, rule: Rule): void {
    const list = this.rules.get(action) ?? [];
    list.push(rule);
    this.rules.set(action, list);
  }

  registerAll(rules: Record<string, Rule>): void {
    for (const [action, rule] of Object.entries(rules)) this.register(action, rule);
  }

  can(actor: Actor, action: string, resource: Resource): boolean {
    const list = this.rules.get(action);
    if (!list) throw new Error(`No policy rule registered for action "${action}"`);
    return list.some((rule) => rule(actor, resource));
  }

  actions(): string[] {
    return [...this.rules.keys()].sort();
  }
}

function grantCovers(grant: Grant, resource: Resource): boolean {
  switch (grant.scopeType) {
    case 'installation':
      return true;
    case 'municipality':
      return resource.municipalityId != null && grant.scopeId === resource.municipalityId;
    case 'area':
      return grant.municipalityId === resource.municipalityId && (resource.areaPath ?? []).includes(grant.scopeId);
    case 'organisation':
      return (resource.organisationPath ?? []).includes(grant.scopeId);
  }
}

/**
 * Powers that need a second factor: the administrator role and the treasurer duty (the books).
 * This is the one place that enforces it: without `strongAuth`, hasRole ignores these grants and
 * isMember counts a treasurer as a plain member, so every rule built on them follows.
 */
export const rolesNeedingSecondFactor: readonly Role[] = ['administrator'];
export const dutiesNeedingSecondFactor: readonly string[] = ['treasurer'];

type PersonActor = Extract<Actor, { kind: 'person' }>;

function effectiveGrants(actor: PersonActor): Grant[] {
  return actor.strongAuth ? actor.grants : actor.grants.filter((g) => !rolesNeedingSecondFactor.includes(g.role));
}

function effectiveMemberships(actor: PersonActor): ActorMembership[] {
  return actor.strongAuth ? actor.memberships : actor.memberships.map((m) => (dutiesNeedingSecondFactor.includes(m.duty) ? { ...m, duty: 'member' } : m));
}

/** Does this person hold a power that they can only use after signing in with a second factor? */
export function needsSecondFactor(actor: Actor): boolean {
  if (actor.kind !== 'person' || actor.strongAuth) return false;
  return actor.grants.some((g) => rolesNeedingSecondFactor.includes(g.role)) || actor.memberships.some((m) => dutiesNeedingSecondFactor.includes(m.duty));
}

/** Does the actor hold one of these roles in a scope that covers the resource? */
export function hasRole(actor: Actor, wanted: readonly Role[], resource: Resource): boolean {
  if (actor.kind === 'system') return wanted.includes('administrator');
  if (actor.kind !== 'person') return false;
  return effectiveGrants(actor).some((g) => wanted.includes(g.role) && grantCovers(g, resource));
}

/** Is the actor a member of the resource's organisation (or a parent of it), optionally with one of these duties? */
export function isMember(actor: Actor, resource: Resource, duties?: readonly string[]): boolean {
  if (actor.kind !== 'person') return false;
  const path = resource.organisationPath ?? [];
  return effectiveMemberships(actor).some((m) => path.includes(m.organisationId) && (!duties || duties.includes(m.duty)));
}

export function isPerson(actor: Actor): actor is Extract<Actor, { kind: 'person' }> {
  return actor.kind === 'person';
}

export function isSelf(actor: Actor, resource: Resource): boolean {
  return actor.kind === 'person' && resource.ownerId != null && resource.ownerId === actor.personId;
}

export const everyone: Rule = () => true;
export const signedIn: Rule = (actor) => actor.kind === 'person';
export const administrators: Rule = (actor, resource) => hasRole(actor, ['administrator'], resource);
