import { z } from 'zod';

/** Length is what resists guessing (ANSSI): at least 12 characters, any characters, no composition rules. */
export const newPasswordSchema = z
  .string()
  .min(12, 'Le mot de passe doit comporter au moins 12 caractères.')
  .max(1024, 'Le mot de passe est trop long.')
  .refine((password) => new Set(password).size >= 5, 'Le mot de passe est trop répétitif.');
