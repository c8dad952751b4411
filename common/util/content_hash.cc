#include "common/util/content_hash.h"

namespace kube::util {

std::string ContentHash(std::string_view content) {
  using uint128 = unsigned __int128;
  const uint128 kOffsetBasis = (uint128{0x6c62272e07bb0142ULL} << 64) | 0x62b821756295c58dULL;
  const uint128 kPrime = (uint128{1} << 88) | 0x13b;
  uint128 hash = kOffsetBasis;
  for (unsigned char c : content) {
    hash ^= c;
    hash *= kPrime;
  }
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string hex(32, '0');
  for (int i = 31; i >= 0; --i) {
    hex[i] = kDigits[static_cast<unsigned>(hash & 0xf)];
    hash >>= 4;
  }
  return hex;
}

}  // namespace kube::util
