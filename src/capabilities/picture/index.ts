import type { CapabilityModule } from '../../platform/module.js';
import { registerPictureApi } from './api.js';
import { pictureMessages } from './messages.js';
import { registerPicturePolicies } from './policy.js';
import { registerPicturePages } from './routes.js';
import './area-section.js';

/**
 * The neighbourhood picture (wijkbeeld): one versioned document per district or neighbourhood
 * that assembles part 1 (the area's figures and the readings of them) and part 2 (public places,
 * the social ecosystem, history and tensions, money flows) from a registry of picture parts, plus
 * the sections the neighbourhood writes itself. Editors draft; publishing freezes a snapshot of
 * every part; versions are compared, printed and exported as PDF; open data as JSON.
 */
export const pictureModule: CapabilityModule = {
  name: 'picture',
  messages: pictureMessages,
  registerPolicies: registerPicturePolicies,
  registerPages: registerPicturePages,
  registerApi: registerPictureApi,
};

export { pictureActions, pictureResource } from './policy.js';
export { savePictureDraft, publishPicture, discardPictureDraft, pictureOf, pictureArea, pictureYear, picturePath, PICTURE_KIND } from './service.js';
export { registerPicturePart, pictureParts, type PicturePart, type PictureArea, type PartContext, type AssembleInput } from './parts.js';
export { STANDARD_FREE_SECTIONS, splitContent, yearOf, type PartSnapshot, type FreeSection } from './model.js';
