#ifndef CCRYPTO_SHIM_H
#define CCRYPTO_SHIM_H

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ecdsa.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/x509.h>

/* OpenSSL keeps some `const char *` arguments past the call (OSSL_PARAM_BLD stores key names and string
   values until OSSL_PARAM_BLD_to_param; EVP_PKEY_CTX_new_from_name stores the key type name). A Swift string
   bridged for one call is freed afterwards, so these names come from C string literals with static storage. */
static inline const char *ccrypto_key_type_rsa(void) { return "RSA"; }
static inline const char *ccrypto_key_type_ec(void) { return "EC"; }
static inline const char *ccrypto_param_rsa_n(void) { return OSSL_PKEY_PARAM_RSA_N; }
static inline const char *ccrypto_param_rsa_e(void) { return OSSL_PKEY_PARAM_RSA_E; }
static inline const char *ccrypto_param_group_name(void) { return OSSL_PKEY_PARAM_GROUP_NAME; }
static inline const char *ccrypto_param_public_key(void) { return OSSL_PKEY_PARAM_PUB_KEY; }
static inline const char *ccrypto_group_p256(void) { return SN_X9_62_prime256v1; }

/* Compound selection macros Swift does not import. */
static inline int ccrypto_selection_public_key(void) { return EVP_PKEY_PUBLIC_KEY; }
static inline int ccrypto_selection_key_pair(void) { return EVP_PKEY_KEYPAIR; }

#endif
