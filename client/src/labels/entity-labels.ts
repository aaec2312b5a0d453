import type { EntityType } from '../../../classifiers/entities/entity';

/** The names of extracted facts (classifiers/entities/entity.ts), as an agent's form would label them. */
export const entityLabels: Record<EntityType, string> = {
  act_type: "Type d'acte",
  copy_kind: 'Type de copie',
  date: 'Date',
  person: 'Personne',
  address: 'Adresse',
  cadastral_ref: 'Référence cadastrale',
  permit_ref: "Référence d'autorisation d'urbanisme",
  school_level: 'Niveau scolaire',
  school_name: 'École',
  phone: 'Téléphone',
  email: 'Courriel',
  plate: "Plaque d'immatriculation",
  amount_eur: 'Montant',
  iban: 'IBAN',
  nir: 'Numéro de sécurité sociale',
};

export function entityLabel(type: string | null | undefined): string {
  return (entityLabels as Record<string, string>)[type ?? ''] ?? type ?? 'information';
}

const actTypeLabels: Record<string, string> = {
  naissance: 'acte de naissance',
  mariage: 'acte de mariage',
  deces: 'acte de décès',
  'livret-famille': 'livret de famille',
};
const copyKindLabels: Record<string, string> = {
  'copie-integrale': 'copie intégrale',
  'extrait-avec-filiation': 'extrait avec filiation',
  'extrait-sans-filiation': 'extrait sans filiation',
  plurilingue: 'extrait plurilingue',
};
const longDate = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

/** An extracted fact's value as a person writes it: « copie intégrale », « 12 mars 1985 », « 1 250,00 € ». */
export function entityValueLabel(type: string | null | undefined, value: string): string {
  switch (type) {
    case 'act_type':
      return actTypeLabels[value] ?? value;
    case 'copy_kind':
      return copyKindLabels[value] ?? value;
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value) ? longDate.format(new Date(`${value}T00:00:00Z`)) : value;
    case 'amount_eur':
      return Number.isFinite(Number(value)) ? euros.format(Number(value)) : value;
    default:
      return value;
  }
}
