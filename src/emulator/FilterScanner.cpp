#include "FilterScanner.h"

namespace scimitar::emulator {

void FilterScanner::skipSpaces()
{
    while (m_pos < m_text.size() && m_text.at(m_pos).isSpace())
        ++m_pos;
}

bool FilterScanner::atEnd()
{
    skipSpaces();
    return m_pos >= m_text.size();
}

QString FilterScanner::word(const std::function<bool(QChar)>& accept)
{
    skipSpaces();
    const qsizetype start = m_pos;
    while (m_pos < m_text.size() && accept(m_text.at(m_pos)))
        ++m_pos;
    return m_text.mid(start, m_pos - start);
}

bool FilterScanner::take(QChar c)
{
    skipSpaces();
    if (m_pos < m_text.size() && m_text.at(m_pos) == c) {
        ++m_pos;
        return true;
    }
    return false;
}

FilterScanner::Literal FilterScanner::literal(QChar quote, Escape escape, QString* value)
{
    skipSpaces();
    if (m_pos >= m_text.size() || m_text.at(m_pos) != quote)
        return Literal::Missing;
    ++m_pos;
    while (m_pos < m_text.size()) {
        const QChar c = m_text.at(m_pos++);
        if (escape == Escape::Backslash && c == u'\\' && m_pos < m_text.size()) {
            value->append(m_text.at(m_pos++));
            continue;
        }
        if (c != quote) {
            value->append(c);
            continue;
        }
        if (escape == Escape::Doubled && m_pos < m_text.size() && m_text.at(m_pos) == quote) { // '' is one quote
            value->append(c);
            ++m_pos;
            continue;
        }
        return Literal::Read;
    }
    return Literal::Unterminated;
}

} // namespace scimitar::emulator
