# Sources of src/core/remediation
target_sources(scimitar_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/Change.cpp ${CMAKE_CURRENT_LIST_DIR}/Change.h
    ${CMAKE_CURRENT_LIST_DIR}/BlastRadius.cpp ${CMAKE_CURRENT_LIST_DIR}/BlastRadius.h
    ${CMAKE_CURRENT_LIST_DIR}/ChangeGuard.cpp ${CMAKE_CURRENT_LIST_DIR}/ChangeGuard.h
    ${CMAKE_CURRENT_LIST_DIR}/ChangeRunner.cpp ${CMAKE_CURRENT_LIST_DIR}/ChangeRunner.h
    ${CMAKE_CURRENT_LIST_DIR}/ChangeVerifier.cpp ${CMAKE_CURRENT_LIST_DIR}/ChangeVerifier.h
    ${CMAKE_CURRENT_LIST_DIR}/EffectiveAccessProbe.cpp ${CMAKE_CURRENT_LIST_DIR}/EffectiveAccessProbe.h
    ${CMAKE_CURRENT_LIST_DIR}/FindingChanges.cpp ${CMAKE_CURRENT_LIST_DIR}/FindingChanges.h
    ${CMAKE_CURRENT_LIST_DIR}/OwnerLifeline.cpp ${CMAKE_CURRENT_LIST_DIR}/OwnerLifeline.h
    ${CMAKE_CURRENT_LIST_DIR}/PlannedItems.cpp ${CMAKE_CURRENT_LIST_DIR}/PlannedItems.h
    ${CMAKE_CURRENT_LIST_DIR}/ScimPatch.cpp ${CMAKE_CURRENT_LIST_DIR}/ScimPatch.h
    ${CMAKE_CURRENT_LIST_DIR}/AuditJournal.cpp ${CMAKE_CURRENT_LIST_DIR}/AuditJournal.h
    ${CMAKE_CURRENT_LIST_DIR}/OsUser.cpp ${CMAKE_CURRENT_LIST_DIR}/OsUser.h
    ${CMAKE_CURRENT_LIST_DIR}/AuditWords.cpp ${CMAKE_CURRENT_LIST_DIR}/AuditWords.h
    ${CMAKE_CURRENT_LIST_DIR}/AuditJson.cpp ${CMAKE_CURRENT_LIST_DIR}/AuditJson.h
    ${CMAKE_CURRENT_LIST_DIR}/AuditCsv.cpp ${CMAKE_CURRENT_LIST_DIR}/AuditCsv.h
    ${CMAKE_CURRENT_LIST_DIR}/TypedConfirmation.cpp ${CMAKE_CURRENT_LIST_DIR}/TypedConfirmation.h
)
