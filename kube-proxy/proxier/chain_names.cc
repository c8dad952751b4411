#include "kube-proxy/proxier/chain_names.h"

#include <cstdint>

namespace kube::proxy::proxier {
namespace {

uint64_t Fnv1a(std::string_view text, uint64_t seed) {
  uint64_t hash = seed;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

}  // namespace

std::string ChainHash(std::string_view text) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  // Two independent 64-bit hashes give 80 bits for 16 five-bit characters.
  const uint64_t a = Fnv1a(text, 14695981039346656037ULL);
  const uint64_t b = Fnv1a(text, 0x9E3779B97F4A7C15ULL);
  std::string out;
  out.reserve(16);
  for (int i = 0; i < 12; ++i) out.push_back(kAlphabet[(a >> (5 * i)) & 31]);
  for (int i = 0; i < 4; ++i) out.push_back(kAlphabet[(b >> (5 * i)) & 31]);
  return out;
}

}  // namespace kube::proxy::proxier
