// Where each file goes in Autodesk Account: shown to the admin next to the download.

export const INVITE_IMPORT_LOCATION =
  'Autodesk Account (manage.autodesk.com) > User Management > By User > Invite users > Import';
export const INVITE_MULTIPLE_LOCATION =
  'Autodesk Account (manage.autodesk.com) > User Management > By User > Invite users > Invite Multiple';

export function assignImportLocation(product: string): string {
  return `Autodesk Account (manage.autodesk.com) > User Management > By Product > ${product} > Assign users > Import to assign`;
}
