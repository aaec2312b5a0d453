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
