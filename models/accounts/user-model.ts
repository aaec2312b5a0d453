import { model, Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';

import { encryptedFields } from '../encryption/encrypted-fields';

export const userRoles = ['agent', 'supervisor', 'admin', 'dpo'] as const;
export type UserRole = (typeof userRoles)[number];

const userSchema = new Schema(
  {
    email: { type: String, required: true, lowercase: true, trim: true },
    displayName: { type: String, required: true },
    role: { type: String, enum: userRoles, required: true },
    queues: { type: [String], default: [] },
    /**
     * The communes (INSEE codes) the account works for, and the EPCI (SIREN) whose every commune it serves. An
     * account naming neither works for the default commune, as every account did before communes.
     */
    communes: { type: [String], default: [] },
    epci: { type: String },
    passwordHash: { type: String, required: true },
    active: { type: Boolean, default: true },
    /** Automatic assignment skips an agent who is away or already holds `capacity` open tickets. */
    available: { type: Boolean, default: true },
    capacity: { type: Number, default: 20, min: 0 },
    /** Second factor (TOTP), optional: the secret is encrypted; a code's time step is never accepted twice. */
    totpSecret: { type: String },
    totpEnabled: { type: Boolean, default: false },
    totpLastTimeStep: { type: Number },
  },
  { timestamps: true },
);

userSchema.index({ email: 1 }, { unique: true });
userSchema.plugin(encryptedFields, { paths: ['totpSecret'] });

export type UserRecord = InferSchemaType<typeof userSchema>;
export type UserDocument = HydratedDocument<UserRecord>;
export const UserModel = model('User', userSchema);
