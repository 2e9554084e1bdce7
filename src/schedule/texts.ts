// The scheduler's own strings (escalations, invitation follow-ups), in the four languages, formal address; ICU
// MessageFormat like the locale files (plurals per language).
import { fill, type Vars } from '../cards/i18n.ts';
import type { Locale } from '../domain/types.ts';

const NBSP = '\u00a0';

const STRINGS = {
  en: {
    escalate_title: 'No Autodesk sign-in yet: {name}',
    escalate_text:
      '{name} received every reminder but has not yet confirmed signing in to {products} with an Autodesk ID. Could you check whether they need help?',
    fact_email: 'E-mail',
    fact_reminders: 'Reminders sent',
    invites_title: 'Autodesk invitations not accepted',
    invites_resend:
      '{count, plural, one {# person has} other {# people have}} not accepted their invitation after 7 days. Send it again with: {command}',
    invites_readd:
      '{count, plural, one {# invitation is} other {# invitations are}} older than 90 days and {count, plural, one {has} other {have}} expired: remove these people from the team in Autodesk Account and add them again.',
    fact_resend: 'To resend',
    fact_readd: 'To add again',
    adsk_title: 'Autodesk connection',
    adsk_expiring:
      "Autodesk's sign-in for the bot is close to its 15 days. An admin of the Autodesk team should run `connect autodesk` now, so that invitations and assignments do not stop.",
    adsk_reconnect:
      'Autodesk refused the sign-in the bot uses ({reason}). An admin of the Autodesk team should run `connect autodesk` again.',
  },
  fr: {
    escalate_title: `Pas encore de connexion Autodesk${NBSP}: {name}`,
    escalate_text: `{name} a reçu tous les rappels mais n'a pas encore confirmé sa connexion à {products} avec un identifiant Autodesk. Pourriez-vous vérifier si cette personne a besoin d'aide${NBSP}?`,
    fact_email: 'Adresse e-mail',
    fact_reminders: 'Rappels envoyés',
    invites_title: 'Invitations Autodesk non acceptées',
    invites_resend: `{count, plural, one {# personne n'a} other {# personnes n'ont}} pas accepté leur invitation après 7 jours. Renvoyez-la avec${NBSP}: {command}`,
    invites_readd: `{count, plural, one {# invitation a plus de 90 jours et a expiré} other {# invitations ont plus de 90 jours et ont expiré}}${NBSP}: retirez ces personnes de l'équipe dans Autodesk Account et ajoutez-les à nouveau.`,
    fact_resend: 'À renvoyer',
    fact_readd: 'À ajouter à nouveau',
    adsk_title: 'Connexion Autodesk',
    adsk_expiring: `La connexion Autodesk du bot approche de ses 15 jours. Un administrateur de l'équipe Autodesk devrait lancer \`connect autodesk\` maintenant, pour que les invitations et attributions ne s'arrêtent pas.`,
    adsk_reconnect: `Autodesk a refusé la connexion qu'utilise le bot ({reason}). Un administrateur de l'équipe Autodesk devrait relancer \`connect autodesk\`.`,
  },
  nl: {
    escalate_title: 'Nog niet aangemeld bij Autodesk: {name}',
    escalate_text:
      '{name} kreeg alle herinneringen maar heeft nog niet bevestigd zich bij {products} te hebben aangemeld met een Autodesk ID. Wilt u nagaan of er hulp nodig is?',
    fact_email: 'E-mailadres',
    fact_reminders: 'Verstuurde herinneringen',
    invites_title: 'Autodesk-uitnodigingen niet aanvaard',
    invites_resend:
      '{count, plural, one {# persoon heeft} other {# personen hebben}} hun uitnodiging na 7 dagen niet aanvaard. Verstuur ze opnieuw met: {command}',
    invites_readd:
      '{count, plural, one {# uitnodiging is} other {# uitnodigingen zijn}} ouder dan 90 dagen en verlopen: verwijder deze personen uit het team in Autodesk Account en voeg ze opnieuw toe.',
    fact_resend: 'Opnieuw te versturen',
    fact_readd: 'Opnieuw toe te voegen',
    adsk_title: 'Autodesk-verbinding',
    adsk_expiring:
      'De Autodesk-aanmelding van de bot nadert haar 15 dagen. Een beheerder van het Autodesk-team zou nu `connect autodesk` moeten uitvoeren, zodat uitnodigingen en toewijzingen niet stoppen.',
    adsk_reconnect:
      'Autodesk weigerde de aanmelding die de bot gebruikt ({reason}). Een beheerder van het Autodesk-team zou `connect autodesk` opnieuw moeten uitvoeren.',
  },
  de: {
    escalate_title: 'Noch keine Anmeldung bei Autodesk: {name}',
    escalate_text:
      '{name} hat alle Erinnerungen erhalten, die Anmeldung bei {products} mit einer Autodesk-ID aber noch nicht bestätigt. Könnten Sie nachfragen, ob Hilfe benötigt wird?',
    fact_email: 'E-Mail',
    fact_reminders: 'Gesendete Erinnerungen',
    invites_title: 'Nicht angenommene Autodesk-Einladungen',
    invites_resend:
      '{count, plural, one {# Person hat} other {# Personen haben}} ihre Einladung nach 7 Tagen nicht angenommen. Senden Sie sie erneut mit: {command}',
    invites_readd:
      '{count, plural, one {# Einladung ist} other {# Einladungen sind}} älter als 90 Tage und abgelaufen: Entfernen Sie diese Personen im Autodesk Account aus dem Team und fügen Sie sie erneut hinzu.',
    fact_resend: 'Erneut zu senden',
    fact_readd: 'Erneut hinzuzufügen',
    adsk_title: 'Autodesk-Verbindung',
    adsk_expiring:
      'Die Autodesk-Anmeldung des Bots erreicht bald ihre 15 Tage. Ein Administrator des Autodesk-Teams sollte jetzt `connect autodesk` ausführen, damit Einladungen und Zuweisungen nicht stoppen.',
    adsk_reconnect:
      'Autodesk hat die Anmeldung abgelehnt, die der Bot nutzt ({reason}). Ein Administrator des Autodesk-Teams sollte `connect autodesk` erneut ausführen.',
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type ScheduleText = keyof (typeof STRINGS)['en'];

/** A scheduler string in the locale, placeholders filled. */
export function say(locale: Locale, key: ScheduleText, vars: Vars = {}): string {
  return fill((STRINGS[locale] ?? STRINGS.en)[key], vars, locale);
}
