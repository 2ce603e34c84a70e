#include "core/handoff/prompt.hpp"

namespace lukhas::handoff {

std::string_view truncate_chars(std::string_view text, std::size_t max_chars) noexcept {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool continuation = (static_cast<unsigned char>(text[i]) & 0xC0u) == 0x80u;
    if (continuation) continue;
    if (chars == max_chars) return text.substr(0, i);
    ++chars;
  }
  return text;
}

std::string build_enhanced_prompt(const Summary* newest_summary,
                                  const std::vector<const Entry*>& recent_oldest_first,
                                  std::string_view prompt, const Policy& policy) {
  if (newest_summary == nullptr && recent_oldest_first.empty()) return std::string(prompt);
  std::string out;
  out.reserve(prompt.size() + 64 + recent_oldest_first.size() * (policy.prompt_chars + policy.response_chars + 32) +
              (newest_summary ? newest_summary->text.size() + 24 : 0));
  if (newest_summary != nullptr) {
    out += "[Context summary]\n";
    out += newest_summary->text;
    out += "\n\n";
  }
  if (!recent_oldest_first.empty()) {
    out += "[Recent exchanges]\n";
    for (const Entry* e : recent_oldest_first) {
      out += "User: ";
      out += truncate_chars(e->prompt, policy.prompt_chars);
      out += "\nAssistant: ";
      out += truncate_chars(e->response, policy.response_chars);
      out += '\n';
    }
    out += '\n';
  }
  out += "[Current prompt]\n";
  out += prompt;
  return out;
}

}  // namespace lukhas::handoff
