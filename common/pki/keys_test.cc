#include "common/pki/keys.h"

#include <catch2/catch.hpp>

namespace kube::pki {
namespace {

TEST_CASE("keys: ECDSA P-256 and RSA 2048") {
  auto ec = GenerateKey(KeyType::kEcdsaP256);
  REQUIRE(ec.ok());
  CHECK(EVP_PKEY_get_base_id(ec->get()) == EVP_PKEY_EC);
  CHECK(EVP_PKEY_get_bits(ec->get()) == 256);
  CHECK_FALSE(IsRsaKey(ec->get()));

  auto rsa = GenerateKey(KeyType::kRsa2048);
  REQUIRE(rsa.ok());
  CHECK(IsRsaKey(rsa->get()));
  CHECK(EVP_PKEY_get_bits(rsa->get()) == 2048);

  auto another = GenerateKey(KeyType::kEcdsaP256);
  REQUIRE(another.ok());
  CHECK(SamePublicKey(ec->get(), ec->get()));
  CHECK_FALSE(SamePublicKey(ec->get(), another->get()));
  CHECK_FALSE(SamePublicKey(ec->get(), rsa->get()));
}

}  // namespace
}  // namespace kube::pki
