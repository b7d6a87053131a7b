/**
 * Addresses of the agenda's pages, in one place (Dutch, as the pages speak Dutch by default).
 *
 *   /{slug}/wijkagendas                                  every agenda of the municipality
 *   /{slug}/gebieden/{code}/wijkagenda                   the area's current agenda (redirect) and its earlier ones
 *   /{slug}/wijkagendas/{id}                             the agenda: adopted, or the concept, or (editors) the draft
 *   /{slug}/wijkagendas/{id}/bewerken                    the editorial team's editor
 *   /{slug}/wijkagendas/{id}/versies[/{n}|/vergelijk]    versions and their difference
 *   /{slug}/wijkagendas/{id}/document[.pdf]              the printable agenda and its PDF
 *   /{slug}/wijkagendas/{id}/folder[.pdf]                the A4 folder summary
 *   /{slug}/wijkagendas/{id}/verzending                  institutions it was sent to and their responses
 *   /{slug}/wijkagendas/{id}/voortgang                   progress over time
 *   /{slug}/wijkagendas/{id}/ambities/{ambitionId}       one ambition: its group and progress updates
 */
export const agendasPath = (slug: string) => `/${slug}/wijkagendas`;
export const areaAgendaPath = (slug: string, code: string) => `/${slug}/gebieden/${code}/wijkagenda`;
export const agendaPath = (slug: string, id: string) => `${agendasPath(slug)}/${id}`;
export const agendaEditPath = (slug: string, id: string) => `${agendaPath(slug, id)}/bewerken`;
export const agendaVersionsPath = (slug: string, id: string) => `${agendaPath(slug, id)}/versies`;
export const agendaDocumentPath = (slug: string, id: string) => `${agendaPath(slug, id)}/document`;
export const agendaFolderPath = (slug: string, id: string) => `${agendaPath(slug, id)}/folder`;
export const agendaDistributionPath = (slug: string, id: string) => `${agendaPath(slug, id)}/verzending`;
export const agendaProgressPath = (slug: string, id: string) => `${agendaPath(slug, id)}/voortgang`;
export const agendaAmbitionPath = (slug: string, id: string, ambitionId: string) => `${agendaPath(slug, id)}/ambities/${ambitionId}`;
