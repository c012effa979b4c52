# Sources of src/core/policy
target_sources(scimitar_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/IdpSettings.cpp ${CMAKE_CURRENT_LIST_DIR}/IdpSettings.h
    ${CMAKE_CURRENT_LIST_DIR}/JsonCheck.cpp ${CMAKE_CURRENT_LIST_DIR}/JsonCheck.h
    ${CMAKE_CURRENT_LIST_DIR}/Policy.cpp ${CMAKE_CURRENT_LIST_DIR}/Policy.h
    ${CMAKE_CURRENT_LIST_DIR}/PolicyParser.cpp ${CMAKE_CURRENT_LIST_DIR}/PolicyParser.h
    ${CMAKE_CURRENT_LIST_DIR}/PolicyRule.cpp ${CMAKE_CURRENT_LIST_DIR}/PolicyRule.h
)
