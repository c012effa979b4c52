target_sources(scimitar_test_support PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/EmulatorHost.cpp ${CMAKE_CURRENT_LIST_DIR}/EmulatorHost.h
)
