#pragma once

#include <QString>
#include <functional>

namespace scimitar::emulator {

// Reads the filter expressions of the emulated IdP APIs — Okta's `search`/`filter` and Graph's `$filter` — one
// piece at a time: words, single characters and quoted string literals, skipping the spaces between them. The
// grammar stays with each API (OktaSearch, GraphFilter); only the reading is shared. The two quote a literal
// differently: Okta writes a quote inside one as \" (any character after a backslash stands for itself), OData
// doubles it ('O''Brien').
class FilterScanner
{
public:
    enum class Escape
    {
        Backslash,
        Doubled,
    };
    enum class Literal
    {
        Read,
        Missing,      // no opening quote here (position() is where one was expected)
        Unterminated, // the text ended inside the literal
    };

    explicit FilterScanner(const QString& text)
        : m_text(text)
    {
    }

    qsizetype position() const { return m_pos; }
    // True when only spaces are left.
    bool atEnd();
    // The longest run of characters, after spaces, that `accept` takes; empty when none.
    QString word(const std::function<bool(QChar)>& accept);
    // Consumes `c` if it comes next after spaces.
    bool take(QChar c);
    // A literal between `quote`s, after spaces, into `value`.
    Literal literal(QChar quote, Escape escape, QString* value);

private:
    void skipSpaces();

    QString m_text;
    qsizetype m_pos = 0;
};

} // namespace scimitar::emulator
