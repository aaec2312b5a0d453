import { installModelCipher } from '../../models/encryption/model-cipher';
import { fieldCipherFromConfig } from '../../server/security/field-cipher-from-config';
import { testConfig } from './test-application';

// Tests that use repositories without starting the application need the cipher the application would install.
installModelCipher(fieldCipherFromConfig(testConfig()));
