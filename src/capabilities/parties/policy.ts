import { administrators, everyone, hasRole, isMember, isSelf, type PolicyEngine, type Resource, type Actor } from '../../platform/policy.js';
import { managingDuties, providerKinds, residentKinds, type OrganisationKind } from './model.js';

const officialOrAdmin = (actor: Actor, resource: Resource) => hasRole(actor, ['official', 'administrator'], resource);

export function registerPartiesPolicies(policy: PolicyEngine): void {
  policy.registerAll({
    'person.register': everyone,
    'person.verifyEmail': everyone,
    'person.resetPassword': everyone,
    'person.update': isSelf,
    'person.add': (actor) => actor.kind === 'system' || hasRole(actor, ['administrator'], { type: 'person', municipalityId: null }),
    'organisation.view': everyone,
    // Any resident with a verified account may found a resident organisation or group;
    // bodies, providers and host organisations are registered by the municipality.
    'organisation.create': (actor, resource) => {
      if (officialOrAdmin(actor, resource)) return true;
      return actor.kind === 'person' && actor.emailVerified && residentKinds.includes(resource.kind as OrganisationKind);
    },
    'organisation.update': (actor, resource) => officialOrAdmin(actor, resource)
      || (isMember(actor, resource, managingDuties) && !providerKinds.includes(resource.kind as OrganisationKind)),
    'membership.manage': (actor, resource) => officialOrAdmin(actor, resource) || isMember(actor, resource, managingDuties),
    'membership.viewAll': (actor, resource) => officialOrAdmin(actor, resource) || isMember(actor, resource),
    'role.grant': administrators,
    'role.view': administrators,
  });
  // Strong login: each person manages their own second factor; the command line can reset a lost one.
  policy.registerAll({
    'person.secondFactor': isSelf,
    'person.secondFactor.reset': (actor) => actor.kind === 'system',
    // The identity provider's signed ID token is the proof; the use case only records what it says.
    'person.signInWithIdp': everyone,
    'oidc.configure': administrators,
    // An organisation's books (the ledger capability will take these over): its treasurer, and the
    // municipality's administrators. Both powers need a second factor (platform/policy.ts).
    'ledger.view': (actor, resource) => isMember(actor, resource, ['treasurer']) || hasRole(actor, ['administrator'], resource),
  });
  policy.register('person.erase', isSelf);
  policy.register('person.erase', (actor) => hasRole(actor, ['administrator'], { type: 'person', municipalityId: null }) && actor.kind !== 'anonymous');
}
